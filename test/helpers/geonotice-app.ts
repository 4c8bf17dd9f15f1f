/**
 * Shared pieces for the middleware tests: rule sets loaded once, visitors placed by a static
 * provider, small Express apps, and a raw HTTP client that reports the bytes exactly as they
 * crossed the wire (supertest decodes and parses; some tests need what the client really got).
 */
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Express } from 'express';
import { geonotice, loadRules, staticProvider, type GeonoticeOptions, type RuleSet } from '../../src';

export const ROOT = path.resolve(__dirname, '../..');
export const SHIPPED_RULES_DIR = path.join(ROOT, 'rules');
export const FIXTURES_DIR = path.join(ROOT, 'test/fixtures/express');
export const PAGES_DIR = path.join(FIXTURES_DIR, 'pages');

export const SHIPPED_NOTICE = 'sharing-risk-russia';

const loaded = new Map<string, RuleSet>();

/** A rule set loaded once per test file: loading is not what these tests are about. */
export function rules(dir: 'shipped' | 'placements' | 'future'): RuleSet {
  let ruleSet = loaded.get(dir);
  if (ruleSet === undefined) {
    ruleSet = loadRules(dir === 'shipped' ? SHIPPED_RULES_DIR : path.join(FIXTURES_DIR, dir));
    loaded.set(dir, ruleSet);
  }
  return ruleSet;
}

/** Visitors at fixed places, so most tests need neither geo data nor `trust proxy`. */
export const inCrimea = staticProvider({ country: 'UA', region: 'UA-43' });
export const inKyiv = staticProvider({ country: 'UA', region: 'UA-30' });
export const inUnitedStates = staticProvider({ country: 'US' });

/** A small page with one of everything the injector has to step over before the real body. */
export const PAGE =
  '<!DOCTYPE html><html><head><title>Page</title><!-- <body> --></head>' +
  '<body class="page"><h1>Headline</h1><p>Story text.</p></body></html>';

/** How many notice elements with this id a page carries. */
export function noticeCount(html: string, id = SHIPPED_NOTICE): number {
  return html.split(`data-geonotice="${id}"`).length - 1;
}

/** The page with every injected notice (and the stylesheet before it) cut out again. */
export function withoutNotices(html: string): string {
  return html.replace(/(<style[^>]*>\.geonotice[^<]*<\/style>)?<aside class="geonotice[\s\S]*?<\/aside>/g, '');
}

/**
 * An Express 5 app with geonotice mounted on the shipped rules for a visitor in Crimea (each
 * default can be overridden), then whatever `routes` adds.
 */
export function appWith(options: Partial<GeonoticeOptions>, routes: (app: Express) => void): Express {
  const app = express();
  app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError, ...options }));
  routes(app);
  return app;
}

/** The default `onError` for tests: an internal failure nobody expected fails the test loudly. */
export function failOnError(error: Error): void {
  throw new Error(`unexpected geonotice error: ${error.message}`);
}

/** Collects what `onError` is told, for tests that expect failures. */
export function errorRecorder(): { errors: Error[]; onError: (error: Error) => void } {
  const errors: Error[] = [];
  return { errors, onError: (error) => void errors.push(error) };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on a free loopback port. */
export function listen(handler: Express | RequestListener): Promise<RunningServer> {
  const server = http.createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface RawResponse {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  /** The body bytes as received: still encoded when the response had a Content-Encoding. */
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  headers?: OutgoingHttpHeaders;
}

/** One request with node's own client, no decoding, against a running server. */
export function rawRequest(port: number, urlPath: string, request: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: request.method ?? 'GET',
        headers: request.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusMessage: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * The response's framing tells the truth: a Content-Length equal to the body's length, or none
 * at all and the body chunked. Both branches assert, so a wrong length or no framing fails.
 */
export function expectTrueLength(headers: IncomingHttpHeaders, bodyLength: number): void {
  const length = headers['content-length'];
  if (length === undefined) expect(headers['transfer-encoding']).toBe('chunked');
  else expect(Number(length)).toBe(bodyLength);
}

/** Starts the app, makes one raw request, stops the app. */
export async function fetchRaw(
  handler: Express | RequestListener,
  urlPath: string,
  request: RawRequest = {},
): Promise<RawResponse> {
  const server = await listen(handler);
  try {
    return await rawRequest(server.port, urlPath, request);
  } finally {
    await server.close();
  }
}

/** Builds a single-byte charset's encoder from the platform's decoder for it (windows-1251, koi8-r …). */
export function singleByteEncoder(label: string): (text: string) => Buffer {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return (text) =>
    Buffer.from(
      Array.from(text, (char) => {
        const byte = table.get(char);
        if (byte === undefined) throw new Error(`${JSON.stringify(char)} has no byte in ${label}`);
        return byte;
      }),
    );
}
