import { createHash } from 'node:crypto';

/** What the version of a rule set is computed from: a file's relative path and its exact bytes. */
export interface VersionInput {
  /** Relative to the directory the file was found under (its basename when given directly). */
  versionPath: string;
  bytes: Uint8Array;
}

/**
 * The rule set version: the first 16 hex characters of a SHA-256 over every file's relative path
 * and bytes, in sorted order. Relative paths make the same rules in another folder or checkout
 * get the same version; any changed byte, renamed file or added file gives a new one.
 */
export function ruleSetVersion(files: readonly VersionInput[]): string {
  const entries = files
    .map((file) => ({ path: file.versionPath.split('\\').join('/'), bytes: file.bytes, digest: sha256(file.bytes) }))
    .sort((a, b) => compare(a.path, b.path) || compare(a.digest, b.digest));
  const hash = createHash('sha256');
  for (const entry of entries) {
    // Length-prefixed fields, so no two different file lists can hash the same input stream.
    const name = Buffer.from(entry.path, 'utf8');
    hash.update(`${name.length}:`).update(name).update(`\n${entry.bytes.length}:`).update(entry.bytes).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
