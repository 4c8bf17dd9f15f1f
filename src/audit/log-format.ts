/**
 * The audit log's line format, shared by the writer (adapters/node-http/audit-log.ts) and the reader
 * (`geonotice audit`): each line is one JSON object ending with the chain fields below.
 */
import { createHash, createHmac } from 'node:crypto';

/** The fields every line of a chain carries, after its own content. */
export interface ChainFields {
  /** This process's chain: one per log opened, so that processes sharing a file keep apart. */
  chain: string;
  /** 0 for the chain's start line, then one more per line. */
  seq: number;
  /** The hash of the chain's previous line (SHA-256, or HMAC-SHA256 under the key), hex; null on the start line. */
  prev: string | null;
}

/** The chain value of one line, exactly as written (without its line break): what the next line carries as `prev`. */
export function lineHash(line: string, key: string | null): string {
  return (key === null ? createHash('sha256') : createHmac('sha256', key)).update(line).digest('hex');
}
