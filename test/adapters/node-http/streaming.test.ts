/**
 * Streaming behaviour: a slow client makes the application's `res.write` return false and
 * 'drain' follow (backpressure reaches the application, on plain and on re-encoded bodies), the
 * whole body still arrives intact; the first bytes of a page, and each server-sent event, reach
 * the client before the response ends.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import http, { type IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import type { Express, Response } from 'express';
import { appWith, listen, noticeCount, withoutNotices } from '../../helpers/geonotice-app';

const HEAD = '<!DOCTYPE html><html><head><title>Long page</title></head><body><h1>Long page</h1>\n';
const TAIL = '</body></html>';
const CHUNK_BYTES = 64 * 1024;
/** A safety stop: the test fails rather than writing forever if write() never says false. */
const MAX_BYTES = 256 * 1024 * 1024;

function filler(index: number): Buffer {
  const line = `<p>Chunk ${index}: ${'lorem ipsum '.repeat(8)}</p>\n`;
  return Buffer.from(line.repeat(Math.ceil(CHUNK_BYTES / line.length)));
}

interface WriterReport {
  sawFalse: boolean;
  drains: number;
  written: Buffer[];
}

/**
 * A route that writes like a well-behaved streaming app: until write() returns false, then waits
 * for 'drain', then a few more chunks, then ends. `onFull` tells the test the moment write()
 * first said false, so the client can start reading then, without any timing.
 */
function backpressureRoute(report: WriterReport, onFull: () => void) {
  return async (req: unknown, res: Response): Promise<void> => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    const send = (chunk: Buffer): boolean => {
      report.written.push(chunk);
      return res.write(chunk);
    };
    let total = 0;
    let index = 0;
    let ok = send(Buffer.from(HEAD));
    while (ok && total < MAX_BYTES) {
      const chunk = filler(index++);
      total += chunk.length;
      ok = send(chunk);
    }
    if (!ok) {
      report.sawFalse = true;
      onFull();
      await once(res, 'drain');
      report.drains += 1;
    }
    for (let i = 0; i < 4; i++) send(filler(index++));
    report.written.push(Buffer.from(TAIL));
    res.end(TAIL);
  };
}

/** Writes an already gzipped page in pieces, waiting for 'drain' whenever write() says false. */
function gzipRoute(report: WriterReport, page: Buffer) {
  return async (req: unknown, res: Response): Promise<void> => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Encoding', 'gzip');
    const body = zlib.gzipSync(page);
    for (let at = 0; at < body.length; at += 16 * 1024) {
      if (!res.write(body.subarray(at, at + 16 * 1024))) {
        report.sawFalse = true;
        await once(res, 'drain');
        report.drains += 1;
      }
    }
    res.end();
  };
}

/** GETs `path` with the response paused until `canRead` resolves, then reads it all. */
async function slowGet(
  port: number,
  path: string,
  canRead: Promise<void>,
): Promise<{ res: IncomingMessage; body: Buffer }> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, resolve).on('error', reject);
  });
  res.pause();
  await canRead;
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { res, body: Buffer.concat(chunks) };
}

describe('backpressure with a slow client', () => {
  it('a plain page: write() returns false, drain follows, the whole body arrives with one notice', async () => {
    const report: WriterReport = { sawFalse: false, drains: 0, written: [] };
    let full!: () => void;
    const canRead = new Promise<void>((resolve) => (full = resolve));
    const app = appWith({}, (app) => app.get('/long', backpressureRoute(report, full)));
    const server = await listen(app);
    try {
      const { body } = await slowGet(server.port, '/long', canRead);
      expect(report.sawFalse).toBe(true);
      expect(report.drains).toBe(1);
      const html = body.toString('utf8');
      expect(noticeCount(html)).toBe(1);
      expect(withoutNotices(html)).toBe(Buffer.concat(report.written).toString('utf8'));
    } finally {
      await server.close();
    }
  });

  it('a gzip body geonotice re-encodes: write() returns false, drain follows, the decoded body is whole', async () => {
    const report: WriterReport = { sawFalse: false, drains: 0, written: [] };
    // Random text, so that the gzipped body is large enough to fill the decoder's buffer.
    const noise = Array.from({ length: 16 }, () =>
      Buffer.from(`<p>${crypto.randomBytes(32 * 1024).toString('hex')}</p>\n`),
    );
    const page = Buffer.concat([Buffer.from(HEAD), ...noise, Buffer.from(TAIL)]);
    const app = appWith({}, (app) => app.get('/long', gzipRoute(report, page)));
    const server = await listen(app);
    try {
      const { res, body } = await slowGet(server.port, '/long', Promise.resolve());
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(report.sawFalse).toBe(true);
      expect(report.drains).toBeGreaterThan(0);
      const html = zlib.gunzipSync(body).toString('utf8');
      expect(noticeCount(html)).toBe(1);
      expect(withoutNotices(html)).toBe(page.toString('utf8'));
    } finally {
      await server.close();
    }
  });
});

/**
 * Reads a response until `predicate` holds for what arrived so far (then pauses it) or until it
 * ends; says which. Events rather than `for await`, which would destroy the response on `break`.
 */
function readUntil(
  res: IncomingMessage,
  predicate: (text: string) => boolean,
): Promise<{ text: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (ended: boolean): void => {
      res.off('data', onData);
      res.off('end', onEnd);
      res.off('error', reject);
      res.pause();
      resolve({ text, ended });
    };
    const onData = (chunk: string): void => {
      text += chunk;
      if (predicate(text)) finish(false);
    };
    const onEnd = (): void => finish(true);
    res.setEncoding('utf8');
    res.on('data', onData);
    res.on('end', onEnd);
    res.on('error', reject);
    res.resume();
  });
}

/** An app whose route writes `first`, waits for the test's go-ahead, then writes `rest` and ends. */
function twoStepApp(type: string, first: string, rest: string): { app: Express; goOn: () => void } {
  let goOn!: () => void;
  const proceed = new Promise<void>((resolve) => (goOn = resolve));
  const app = appWith({}, (app) =>
    app.get('/stream', async (req, res) => {
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-cache');
      res.flushHeaders();
      res.write(first);
      await proceed;
      res.end(rest);
    }),
  );
  return { app, goOn };
}

function get(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, resolve).on('error', reject);
  });
}

describe('nothing is held back longer than it must be', () => {
  it('server-sent events: the first event arrives while the stream is still open', async () => {
    const { app, goOn } = twoStepApp('text/event-stream', 'data: <body>first</body>\n\n', 'data: second\n\n');
    const server = await listen(app);
    try {
      const res = await get(server.port, '/stream');
      expect(res.headers['geonotice']).toBeUndefined();
      const first = await readUntil(res, (text) => text.includes('\n\n'));
      expect(first).toEqual({ text: 'data: <body>first</body>\n\n', ended: false });
      goOn();
      const second = await readUntil(res, () => false);
      expect(second).toEqual({ text: 'data: second\n\n', ended: true });
    } finally {
      goOn();
      await server.close();
    }
  });

  it('an HTML page: the start of the body and the notice arrive before the page ends', async () => {
    const { app, goOn } = twoStepApp(
      'text/html; charset=utf-8',
      `${HEAD}<p>First paragraph.</p>\n`,
      `<p>Last.</p>${TAIL}`,
    );
    const server = await listen(app);
    try {
      const res = await get(server.port, '/stream');
      const first = await readUntil(res, (text) => text.includes('First paragraph.'));
      expect(first.ended).toBe(false);
      expect(noticeCount(first.text)).toBe(1);
      goOn();
      const rest = await readUntil(res, () => false);
      expect(withoutNotices(first.text + rest.text)).toBe(`${HEAD}<p>First paragraph.</p>\n<p>Last.</p>${TAIL}`);
    } finally {
      goOn();
      await server.close();
    }
  });
});
