import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { ErrorCodes, GeonoticeError } from '../../errors';
import { lineHash, type ChainFields } from '../../audit/log-format';
import type { DecisionRecord } from './options';

export interface AuditLogOptions {
  /** Records waiting while the destination is slow; past this, new records are dropped and counted. */
  maxQueue?: number;
  /** The HMAC key of the chain; null or absent for a plain SHA-256 chain. */
  key?: string | null;
  /** A checkpoint line after this many records. @default 1000 */
  checkpointEvery?: number;
  /** A checkpoint line at least this often (ms) while records come. @default 60000 */
  checkpointInterval?: number;
  /** What the start line says about the records (how addresses are kept, …). */
  describe?: Record<string, unknown>;
  onError: (error: Error) => void;
  now?: () => Date;
}

export interface AuditLog {
  record(record: DecisionRecord): void;
  /** Records dropped because the queue was full. */
  readonly dropped: number;
  /** Writes the end line, flushes what is queued and closes a file the log opened itself. */
  close(): Promise<void>;
}

/**
 * Writes records as JSON lines, chained so that `geonotice audit` finds a line altered, removed
 * or reordered, and without ever holding a request up.
 *
 * Every line ends with `chain`, `seq` and `prev` (see ChainFields). The chain begins with a
 * `start` line, carries a `checkpoint` line every `checkpointEvery` records (and at least once a
 * minute while records come) and a `{ dropped: N }` line where records were dropped, and ends
 * with an `end` line when the log is closed. Records go to the destination while it keeps up, wait
 * in a bounded queue while it drains, and are dropped (counted, reported, and then recorded in the
 * chain) when the queue is full: memory stays bounded whatever the disk does.
 */
export function createAuditLog(destination: string | Writable, options: AuditLogOptions): AuditLog {
  const ownsStream = typeof destination === 'string';
  const stream: Writable = ownsStream ? fs.createWriteStream(destination, { flags: 'a' }) : destination;
  const maxQueue = options.maxQueue ?? 10_000;
  const checkpointEvery = options.checkpointEvery ?? 1000;
  const key = options.key ?? null;
  const now = options.now ?? (() => new Date());
  const chain = randomUUID();
  const queue: string[] = [];
  let waiting = false;
  let seq = 0;
  let prev: string | null = null;
  let records = 0;
  let dropped = 0;
  let sinceCheckpoint = 0;
  /** Records dropped and not yet written down as a gap line, with the times of the first and last. */
  let gap: { count: number; from: string; until: string } | null = null;
  let closed = false;

  stream.on('error', (error) =>
    options.onError(
      new GeonoticeError(ErrorCodes.audit, 'geonotice: the audit log cannot be written', { cause: error }),
    ),
  );
  stream.on('drain', () => {
    waiting = false;
    while (queue.length > 0 && !waiting) waiting = !stream.write(queue.shift());
    if (!waiting) writeGap();
  });

  /** Chains one line and hands it on: to the stream, or to the queue while the stream is full. */
  function append(content: object): void {
    const line = JSON.stringify({ ...content, chain, seq, prev } satisfies ChainFields);
    prev = lineHash(line, key);
    seq += 1;
    if (waiting) queue.push(`${line}\n`);
    else waiting = !stream.write(`${line}\n`);
  }

  function writeGap(): void {
    if (gap === null) return;
    append({ dropped: gap.count, from: gap.from, until: gap.until, time: now().toISOString() });
    gap = null;
  }

  function checkpoint(): void {
    if (sinceCheckpoint === 0) return;
    sinceCheckpoint = 0;
    append({ checkpoint: { records, dropped }, time: now().toISOString() });
  }

  append({ start: { keyed: key !== null, pid: process.pid, ...options.describe }, time: now().toISOString() });
  const timer = setInterval(checkpoint, options.checkpointInterval ?? 60_000);
  timer.unref();

  return {
    record(record) {
      if (closed) return;
      if (waiting && queue.length >= maxQueue) {
        dropped += 1;
        gap =
          gap === null
            ? { count: 1, from: record.time, until: record.time }
            : { ...gap, count: gap.count + 1, until: record.time };
        // Said on the first drop and then every thousand, so a slow disk cannot flood the error log.
        if (dropped === 1 || dropped % 1000 === 0) {
          options.onError(
            new GeonoticeError(
              ErrorCodes.audit,
              `geonotice: audit log falling behind, ${dropped} decision records dropped so far`,
            ),
          );
        }
        return;
      }
      writeGap();
      append(record);
      records += 1;
      sinceCheckpoint += 1;
      if (sinceCheckpoint >= checkpointEvery) checkpoint();
    },
    // Made once per middleware, not per request.
    // eslint-disable-next-line no-restricted-syntax
    get dropped() {
      return dropped;
    },
    close() {
      if (!closed) {
        closed = true;
        clearInterval(timer);
        writeGap();
        append({ end: { records, dropped }, time: now().toISOString() });
        // Closing: hand everything queued to the stream at once; it buffers what the disk has not taken.
        for (const line of queue.splice(0)) stream.write(line);
      }
      return new Promise((resolve) => {
        if (ownsStream) stream.end(() => resolve());
        else resolve();
      });
    },
  };
}
