import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createAuditLog } from '../../src/express/audit-log';
import type { DecisionRecord } from '../../src/express/options';

const record = (path: string): DecisionRecord => ({
  time: '2026-11-26T00:00:00.000Z',
  ip: '5.183.68.0',
  country: 'RU',
  region: null,
  languages: ['ru'],
  path,
  notices: ['sharing-risk-russia'],
  rulesVersion: 'abc',
});

describe('createAuditLog', () => {
  it('appends one JSON line per decision to a file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-audit-')), 'decisions.jsonl');
    const log = createAuditLog(file, { onError: (error) => { throw error; } });
    log.record(record('/a'));
    log.record(record('/b'));
    await log.close();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as DecisionRecord);
    expect(lines.map((line) => line.path)).toEqual(['/a', '/b']);
  });

  it('queues while the destination is slow, then drops and reports once the queue is full', async () => {
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
    for (let i = 0; i < 10; i++) log.record(record(`/${i}`));
    expect(log.dropped).toBe(6); // 1 written, 3 queued, 6 dropped
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('1 decision records dropped');

    // Let the destination drain: the queued records follow, in order.
    for (let i = 0; i < 4; i++) {
      release?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(written.map((line) => (JSON.parse(line) as DecisionRecord).path)).toEqual(['/0', '/1', '/2', '/3']);
  });
});
