/**
 * A broken injector: the HTML injector is replaced by one that throws where it is told to (when
 * created, on its first write, at its end). Every response is still served, unmodified, and
 * `onError` is told.
 */
import zlib from 'node:zlib';
import { ErrorCodes, type GeonoticeError } from '../../src';
import * as injectorModule from '../../src/pipeline/html/injector';
import { PAGE, appWith, errorRecorder, fetchRaw, withoutNotices } from '../helpers/geonotice-app';

type FailAt = 'create' | 'write' | 'end' | null;
let failAt: FailAt = null;

jest.mock('../../src/pipeline/html/injector', () => {
  const actual = jest.requireActual<typeof injectorModule>('../../src/pipeline/html/injector');
  const broken = (): never => {
    throw new Error('injector exploded');
  };
  return {
    ...actual,
    createHtmlInjector: (...args: Parameters<typeof actual.createHtmlInjector>) => {
      if (failAt === 'create') broken();
      const real = actual.createHtmlInjector(...args);
      return {
        write: (chunk: Buffer) => (failAt === 'write' ? broken() : real.write(chunk)),
        end: (chunk?: Buffer) => (failAt === 'end' ? broken() : real.end(chunk)),
        get report() {
          return real.report;
        },
        get injected() {
          return real.injected;
        },
      };
    },
  };
});

afterEach(() => {
  failAt = null;
});

const recorder = errorRecorder();
const app = appWith({ onError: recorder.onError }, (app) => {
  app.get('/send', (req, res) => res.send(PAGE));
  app.get('/writes', (req, res) => {
    res.type('html');
    for (let i = 0; i < PAGE.length; i += 10) res.write(PAGE.slice(i, i + 10));
    res.end();
  });
  app.get('/undeclared', (req, res) => {
    res.setHeader('Content-Type', 'text/html');
    for (let i = 0; i < PAGE.length; i += 2) res.write(PAGE.slice(i, i + 2));
    res.end();
  });
  app.get('/gzip', (req, res) => {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' });
    res.end(zlib.gzipSync(PAGE));
  });
});

beforeEach(() => {
  recorder.errors.length = 0;
});

describe('an injector that throws at its end, after the notice went out', () => {
  it.each(['/writes', '/undeclared'])(
    '%s: every byte of the page arrives, status 200, onError told',
    async (urlPath) => {
      failAt = 'end';
      const raw = await fetchRaw(app, urlPath);
      expect(raw.status).toBe(200);
      expect(withoutNotices(raw.body.toString())).toBe(PAGE);
      expect(recorder.errors.map((error) => (error as GeonoticeError).code)).toEqual([ErrorCodes.inject]);
    },
  );

  it('/send (one piece, so nothing went out yet): the original page with its own length', async () => {
    failAt = 'end';
    const raw = await fetchRaw(app, '/send');
    expect(raw.body.toString()).toBe(PAGE);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(recorder.errors).toHaveLength(1);
  });

  it('/gzip: a complete gzip body with every byte of the page', async () => {
    failAt = 'end';
    const raw = await fetchRaw(app, '/gzip');
    expect(withoutNotices(zlib.gunzipSync(raw.body).toString())).toBe(PAGE);
    expect(recorder.errors).toHaveLength(1);
  });
});

it('the mock is wired: without a failure, the notice is injected', async () => {
  const raw = await fetchRaw(app, '/send');
  expect(raw.body.toString()).toContain('<aside');
});

// A one-shot body (`/send`) goes to the injector's `end` in one call and never to `write`.
describe.each([
  ['create', ['/send', '/writes', '/undeclared']],
  ['write', ['/writes', '/undeclared']],
] as const)('an injector that throws at %s', (where, urlPaths) => {
  it.each(urlPaths)('%s: the original page, status 200, onError told', async (urlPath) => {
    failAt = where;
    const raw = await fetchRaw(app, urlPath);
    expect(raw.status).toBe(200);
    expect(raw.body.toString()).toBe(PAGE);
    if (raw.headers['content-length'] !== undefined)
      expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(recorder.errors.length).toBeGreaterThan(0);
    expect(recorder.errors.map((error) => (error as GeonoticeError).code)).toContain(ErrorCodes.inject);
  });

  it('/gzip: a readable gzip body with the original page, onError told', async () => {
    failAt = where;
    const raw = await fetchRaw(app, '/gzip');
    expect(raw.status).toBe(200);
    expect(zlib.gunzipSync(raw.body).toString()).toBe(PAGE);
    expect(recorder.errors.length).toBeGreaterThan(0);
  });
});
