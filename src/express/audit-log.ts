import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { ErrorCodes, GeonoticeError } from '../errors';
import type { DecisionRecord } from './options';

export interface AuditLogOptions {
  /** Records waiting while the destination is slow; past this, new records are dropped and counted. */
  maxQueue?: number;
  onError: (error: Error) => void;
}

export interface AuditLog {
  record(record: DecisionRecord): void;
  /** Records dropped because the queue was full. */
  readonly dropped: number;
  /** Flushes what is queued and closes a file the log opened itself. */
  close(): Promise<void>;
}

/**
 * Writes decisions as JSON lines without ever holding a request up: records go to the
 * destination while it keeps up, wait in a bounded queue while it drains, and are dropped (and
 * counted, and reported) when the queue is full — memory stays bounded whatever the disk does.
 */
export function createAuditLog(destination: string | Writable, options: AuditLogOptions): AuditLog {
  const ownsStream = typeof destination === 'string';
  const stream: Writable = ownsStream ? fs.createWriteStream(destination, { flags: 'a' }) : destination;
  const maxQueue = options.maxQueue ?? 10_000;
  const queue: string[] = [];
  let waiting = false;
  let dropped = 0;

  stream.on('error', (error) => options.onError(new GeonoticeError(ErrorCodes.hook, 'geonotice: the audit log cannot be written', { cause: error })));
  stream.on('drain', () => {
    waiting = false;
    while (queue.length > 0 && !waiting) waiting = !stream.write(queue.shift());
  });

  return {
    record(record) {
      const line = `${JSON.stringify(record)}\n`;
      if (!waiting) {
        waiting = !stream.write(line);
        return;
      }
      if (queue.length < maxQueue) {
        queue.push(line);
        return;
      }
      dropped += 1;
      // Said on the first drop and then every thousand, so a slow disk cannot flood the error log.
      if (dropped === 1 || dropped % 1000 === 0) {
        options.onError(new GeonoticeError(ErrorCodes.hook, `geonotice: audit log falling behind, ${dropped} decision records dropped so far`));
      }
    },
    get dropped() {
      return dropped;
    },
    close() {
      // Closing: hand everything queued to the stream at once; it buffers what the disk has not taken.
      for (const line of queue.splice(0)) stream.write(line);
      return new Promise((resolve) => {
        if (ownsStream) stream.end(() => resolve());
        else resolve();
      });
    },
  };
}
