/**
 * Compressed bodies: `compression()` mounted before or after geonotice, an upstream that sends
 * pre-encoded HTML, each of gzip, deflate and br decoded, injected and encoded again; an encoding
 * geonotice cannot decode passes through byte for byte and `onError` is told.
 */
import zlib from 'node:zlib';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import { ErrorCodes, geonotice, type GeonoticeError } from '../../../src';
import {
  SHIPPED_NOTICE,
  errorRecorder,
  failOnError,
  fetchRaw,
  inCrimea,
  noticeCount,
  rules,
  withoutNotices,
  expectTrueLength,
} from '../../helpers/geonotice-app';

/** A page well over compression's 1 KB threshold. */
const BIG_PAGE =
  '<!DOCTYPE html><html><head><title>Big</title></head><body><h1>Big page</h1>' +
  Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i}: the quick brown fox, again and again.</p>`).join('\n') +
  '</body></html>';

type Coding = 'gzip' | 'br' | 'deflate';

function decode(coding: string | undefined, body: Buffer): string {
  switch (coding) {
    case 'gzip':
      return zlib.gunzipSync(body).toString('utf8');
    case 'br':
      return zlib.brotliDecompressSync(body).toString('utf8');
    case 'deflate':
      return zlib.inflateSync(body).toString('utf8');
    default:
      return body.toString('utf8');
  }
}

function encode(coding: Coding, text: string): Buffer {
  if (coding === 'gzip') return zlib.gzipSync(text);
  if (coding === 'br') return zlib.brotliCompressSync(text);
  return zlib.deflateSync(text);
}

const mountGeonotice = (): RequestHandler =>
  geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }) as RequestHandler;

function pageRoutes(app: Express): void {
  app.get('/send', (req, res) => res.send(BIG_PAGE));
  app.get('/writes', (req, res) => {
    res.type('html');
    for (let i = 0; i < BIG_PAGE.length; i += 500) res.write(BIG_PAGE.slice(i, i + 500));
    res.end();
  });
}

const compressionFirst = express();
compressionFirst.use(compression());
compressionFirst.use(mountGeonotice());
pageRoutes(compressionFirst);

const geonoticeFirst = express();
geonoticeFirst.use(mountGeonotice());
geonoticeFirst.use(compression());
pageRoutes(geonoticeFirst);

describe.each([
  ['compression() mounted before geonotice', compressionFirst],
  ['compression() mounted after geonotice', geonoticeFirst],
])('%s', (_label, app) => {
  it.each([
    ['gzip', '/send'],
    ['br', '/send'],
    ['gzip', '/writes'],
    ['br', '/writes'],
  ] as const)('%s, %s: the decoded page has the notice exactly once', async (coding, urlPath) => {
    const raw = await fetchRaw(app, urlPath, { headers: { 'Accept-Encoding': coding } });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBe(coding);
    const html = decode(coding, raw.body);
    expect(noticeCount(html)).toBe(1);
    expect(withoutNotices(html)).toBe(BIG_PAGE);
    expectTrueLength(raw.headers, raw.body.length);
  });

  it('without Accept-Encoding: a plain page with the notice', async () => {
    const raw = await fetchRaw(app, '/send', { headers: { 'Accept-Encoding': 'identity' } });
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(noticeCount(raw.body.toString())).toBe(1);
  });
});

describe('an upstream that sends pre-encoded HTML', () => {
  function upstream(coding: Coding, chunked: boolean): Express {
    const app = express();
    app.use(mountGeonotice());
    app.get('/', (req, res) => {
      const body = encode(coding, BIG_PAGE);
      res.set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Encoding': coding,
        'Content-Length': String(body.length),
      });
      if (!chunked) return void res.end(body);
      for (let i = 0; i < body.length; i += 64) res.write(body.subarray(i, i + 64));
      res.end();
    });
    return app;
  }

  it.each([
    ['gzip', false],
    ['gzip', true],
    ['deflate', false],
    ['deflate', true],
    ['br', false],
    ['br', true],
  ] as const)('%s (written in pieces: %s): decoded, injected, encoded again', async (coding, chunked) => {
    const raw = await fetchRaw(upstream(coding, chunked), '/');
    expect(raw.headers['content-encoding']).toBe(coding);
    expect(raw.headers['content-length']).toBeUndefined();
    const html = decode(coding, raw.body);
    expect(noticeCount(html)).toBe(1);
    expect(withoutNotices(html)).toBe(BIG_PAGE);
  });
});

describe('a body that does not decode as it says', () => {
  function brokenUpstream(coding: string, body: Buffer, chunked: boolean): { app: Express; errors: Error[] } {
    const { errors, onError } = errorRecorder();
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError }));
    app.get('/', (req, res) => {
      res.set({ 'Content-Type': 'text/html', 'Content-Encoding': coding });
      if (!chunked) return void res.end(body);
      for (let i = 0; i < body.length; i += 16) res.write(body.subarray(i, i + 16));
      res.end();
    });
    return { app, errors };
  }

  const corruptGzip = Buffer.concat([zlib.gzipSync(BIG_PAGE).subarray(0, 40), Buffer.from('this is not gzip at all')]);
  const notBrotli = Buffer.from('<!doctype html><body>labelled br, but plain</body>');

  it.each([
    ['a corrupt gzip body', 'gzip', corruptGzip, false],
    ['a corrupt gzip body, written in pieces', 'gzip', corruptGzip, true],
    ['a plain body labelled br', 'br', notBrotli, false],
    ['a plain body labelled br, written in pieces', 'br', notBrotli, true],
  ] as const)('%s passes through byte for byte, and onError is told', async (_what, coding, body, chunked) => {
    const { app, errors } = brokenUpstream(coding, body, chunked);
    const raw = await fetchRaw(app, '/');
    expect(raw.status).toBe(200);
    expect(raw.body.equals(body)).toBe(true);
    expect(raw.headers['content-encoding']).toBe(coding);
    expect(errors).toHaveLength(1);
    expect((errors[0] as GeonoticeError).code).toBe(ErrorCodes.encoding);
  });
});

describe('a decompression bomb', () => {
  it('is decoded only up to maxDecodedBytes, then the connection is aborted, never ended cleanly', async () => {
    const { errors, onError } = errorRecorder();
    // Two megabytes of zeros after a real page start: a few kilobytes compressed.
    const bomb = zlib.gzipSync(
      Buffer.concat([Buffer.from('<!doctype html><body><p>'), Buffer.alloc(2 * 1024 * 1024, 0x20)]),
    );
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError, maxDecodedBytes: 256 * 1024 }));
    app.get('/', (req, res) => {
      res.set({ 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    await expect(fetchRaw(app, '/')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(errors).toHaveLength(1);
    expect((errors[0] as GeonoticeError).code).toBe(ErrorCodes.encoding);
    expect(errors[0]?.message).toContain('maxDecodedBytes');
  });
});

describe('an encoding geonotice cannot decode', () => {
  it('passes through byte for byte, and onError is told', async () => {
    const { errors, onError } = errorRecorder();
    const opaque = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...Buffer.from('<body>zstd-labelled bytes</body>')]);
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError }));
    app.get('/', (req, res) => {
      res.set({ 'Content-Type': 'text/html', 'Content-Encoding': 'zstd' });
      res.end(opaque);
    });
    const raw = await fetchRaw(app, '/');
    expect(raw.body.equals(opaque)).toBe(true);
    expect(Number(raw.headers['content-length'])).toBe(opaque.length);
    expect(raw.headers['content-encoding']).toBe('zstd');
    expect(raw.headers['geonotice']).toBe(SHIPPED_NOTICE);
    expect(errors).toHaveLength(1);
    expect((errors[0] as GeonoticeError).code).toBe(ErrorCodes.encoding);
    expect(errors[0]?.message).toContain('zstd');
  });
});
