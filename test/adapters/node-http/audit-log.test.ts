import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { lineHash } from '../../../src/audit/log-format';
import { createAuditLog } from '../../../src/adapters/node-http/audit-log';
import type { DecisionRecord } from '../../../src/adapters/node-http/options';

const record = (path: string): DecisionRecord => ({
  time: '2026-11-26T00:00:00.000Z',
  ip: '5.183.68.0',
  country: 'RU',
  region: null,
  languages: ['ru'],
  path,
  notices: ['sharing-risk-russia'],
  rulesVersion: 'abc',
  id: `id-${path}`,
  method: 'GET',
  status: 200,
  shown: [{ id: 'sharing-risk-russia', language: 'ru', placement: 'body-start', delivered: 'body' }],
  source: { provider: 'geoip-lite', dataDate: '2023-11-15' },
  complete: true,
});

const failOnError = (error: Error): never => {
  throw error;
};

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-audit-')), 'decisions.jsonl');
}

type Line = Record<string, unknown> & { chain: string; seq: number; prev: string | null };

function readLines(file: string): { text: string[]; parsed: Line[] } {
  const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return { text, parsed: text.map((line) => JSON.parse(line) as Line) };
}

/** Each line's `prev` is the hash of the line before it; the first line's is null. */
function chainHolds(text: readonly string[], key: string | null): boolean {
  return text.every(
    (line, index) =>
      (JSON.parse(line) as Line).prev === (index === 0 ? null : lineHash(text[index - 1] as string, key)),
  );
}

describe('createAuditLog', () => {
  it('appends one chained JSON line per decision, between a start and an end line', async () => {
    const file = tempFile();
    const log = createAuditLog(file, { onError: failOnError });
    log.record(record('/a'));
    log.record(record('/b'));
    await log.close();
    const { text, parsed } = readLines(file);
    expect(parsed.map((line) => Object.keys(line)[0])).toEqual(['start', 'time', 'time', 'end']);
    expect(parsed.map((line) => line.path)).toEqual([undefined, '/a', '/b', undefined]);
    expect(parsed[0]).toMatchObject({ start: { keyed: false, pid: process.pid }, seq: 0, prev: null });
    expect(parsed[3]).toMatchObject({ end: { records: 2, dropped: 0 }, seq: 3 });
    expect(new Set(parsed.map((line) => line.chain)).size).toBe(1);
    expect(parsed.map((line) => line.seq)).toEqual([0, 1, 2, 3]);
    expect(chainHolds(text, null)).toBe(true);
  });

  it('chains with HMAC-SHA256 under a key, which a plain hash does not reproduce', async () => {
    const file = tempFile();
    const key = 'an-audit-key-of-at-least-32-characters';
    const log = createAuditLog(file, { key, onError: failOnError });
    log.record(record('/a'));
    await log.close();
    const { text, parsed } = readLines(file);
    expect(parsed[0]).toMatchObject({ start: { keyed: true } });
    expect(chainHolds(text, key)).toBe(true);
    expect(chainHolds(text, null)).toBe(false);
  });

  it('writes a checkpoint every N records, and two logs on one file keep two chains', async () => {
    const file = tempFile();
    const first = createAuditLog(file, { checkpointEvery: 2, onError: failOnError });
    const second = createAuditLog(file, { checkpointEvery: 2, onError: failOnError });
    for (const name of ['/1', '/2', '/3']) {
      first.record(record(name));
      second.record(record(name));
    }
    await first.close();
    await second.close();
    const { text, parsed } = readLines(file);
    const chains = [...new Set(parsed.map((line) => line.chain))];
    expect(chains).toHaveLength(2);
    for (const chain of chains) {
      const own = text.filter((_, index) => parsed[index]?.chain === chain);
      expect(chainHolds(own, null)).toBe(true);
      expect(own.map((line) => Object.keys(JSON.parse(line) as object)[0])).toEqual([
        'start',
        'time',
        'time',
        'checkpoint',
        'time',
        'end',
      ]);
      expect(JSON.parse(own[3] as string)).toMatchObject({ checkpoint: { records: 2, dropped: 0 } });
    }
  });

  it('queues while the destination is slow, drops past the queue, and leaves a { dropped: N } line in the chain', async () => {
    const written: string[] = [];
    let release: (() => void) | undefined;
    // A destination that accepts one chunk and then stalls until released.
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        release = callback;
      },
    });
    const errors: Error[] = [];
    const log = createAuditLog(slow, { maxQueue: 3, onError: (error) => errors.push(error) });
    // The start line is the one chunk written; three records queue; seven are dropped.
    for (let i = 0; i < 10; i++) log.record({ ...record(`/${i}`), time: `2026-11-26T00:00:0${i}.000Z` });
    expect(log.dropped).toBe(7);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('1 decision records dropped');
    expect(errors[0]).toMatchObject({ code: 'GEONOTICE_AUDIT' });

    for (let i = 0; i < 6; i++) {
      release?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const lines = written.map((line) => JSON.parse(line) as Line);
    expect(lines.map((line) => line.path ?? Object.keys(line)[0])).toEqual(['start', '/0', '/1', '/2', 'dropped']);
    expect(lines[4]).toMatchObject({
      dropped: 7,
      from: '2026-11-26T00:00:03.000Z',
      until: '2026-11-26T00:00:09.000Z',
      seq: 4,
    });
    expect(
      chainHolds(
        written.map((line) => line.trimEnd()),
        null,
      ),
    ).toBe(true);
  });
});
