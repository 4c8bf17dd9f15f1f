/**
 * Failing open: whatever breaks inside geonotice (a geo provider, a custom renderer, the error
 * handler itself, an audit hook), the page is served and `onError` is told; mounting mistakes and
 * misspelt options fail loudly at start-up instead.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { ErrorCodes, geonotice, type GeonoticeError, type GeonoticeOptions } from '../../../src';
import {
  PAGE,
  SHIPPED_NOTICE,
  appWith,
  errorRecorder,
  failOnError,
  fetchRaw,
  inCrimea,
  noticeCount,
  rules,
} from '../../helpers/geonotice-app';

function codes(errors: Error[]): string[] {
  return errors.map((error) => (error as GeonoticeError).code);
}

describe('a geo provider that fails', () => {
  // A location that could not be determined is unknown, and `regions` holds for an unknown
  // location under the default `unknown_location: match` (the shipped notice's setting). So the
  // page is served, onError is told, and the visitor is treated exactly like one whose address
  // no data covers: here that means the notice is shown.
  it.each([
    [
      'throws',
      function throwingProvider(): never {
        throw new Error('geo database unreachable');
      },
    ],
    [
      'rejects',
      function rejectingProvider(): Promise<never> {
        return Promise.reject(new Error('geo service timed out'));
      },
    ],
  ])('%s: the page is served for an unknown location, onError is told', async (_label, provider) => {
    const { errors, onError } = errorRecorder();
    const app = appWith({ geo: provider, onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(codes(errors)).toEqual([ErrorCodes.geo]);
    expect(errors[0]?.message).toContain(provider.name);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('the next provider in the list is asked', async () => {
    const { errors, onError } = errorRecorder();
    const broken = (): never => {
      throw new Error('down');
    };
    const app = appWith({ geo: [broken, inCrimea], onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(codes(errors)).toEqual([ErrorCodes.geo]);
    expect(noticeCount(res.text)).toBe(1);
  });
});

describe('a render option that throws', () => {
  const render = (): string => {
    throw new Error('template missing');
  };

  it('serves the page unmodified, with a true Content-Length, and tells onError', async () => {
    const { errors, onError } = errorRecorder();
    const app = appWith({ render, onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const raw = await fetchRaw(app, '/');
    expect(raw.status).toBe(200);
    expect(raw.body.toString()).toBe(PAGE);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(codes(errors)).toEqual([ErrorCodes.inject]);
    expect(errors[0]?.message).toContain('template missing');
  });

  it('serves a streamed page unmodified too', async () => {
    const { errors, onError } = errorRecorder();
    const app = appWith({ render, onError }, (app) =>
      app.get('/', (req, res) => {
        res.type('html');
        res.write(PAGE.slice(0, 10));
        res.end(PAGE.slice(10));
      }),
    );
    const raw = await fetchRaw(app, '/');
    expect(raw.status).toBe(200);
    expect(raw.body.toString()).toBe(PAGE);
    expect(errors).toHaveLength(1);
  });

  it('a page without a declared charset, streamed: unmodified', async () => {
    const { errors, onError } = errorRecorder();
    const app = appWith({ render, onError }, (app) =>
      app.get('/', (req, res) => {
        res.setHeader('Content-Type', 'text/html');
        for (let i = 0; i < PAGE.length; i += 9) res.write(PAGE.slice(i, i + 9));
        res.end();
      }),
    );
    const raw = await fetchRaw(app, '/');
    expect(raw.status).toBe(200);
    expect(raw.body.toString()).toBe(PAGE);
    expect(errors).toHaveLength(1);
  });

  it('and an onError that throws as well: still served', async () => {
    const onError = (): never => {
      throw new Error('the error handler is broken too');
    };
    const app = appWith({ render, onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(res.text).toBe(PAGE);
  });
});

describe('an onDecision hook that throws', () => {
  it('does not stop the notice or the page; onError is told', async () => {
    const { errors, onError } = errorRecorder();
    const onDecision = (): never => {
      throw new Error('audit sink full');
    };
    const app = appWith({ onDecision, onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(codes(errors)).toEqual([ErrorCodes.hook]);
  });
});

describe('a failure nothing else names', () => {
  it('reaches onError as a GeonoticeError with GEONOTICE_INTERNAL, the original as its cause; the page is served', async () => {
    const { errors, onError } = errorRecorder();
    const failure = new Error('flag service down');
    const enabled = (): boolean => {
      throw failure;
    };
    const app = appWith({ enabled, onError }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(res.text).toBe(PAGE);
    expect(codes(errors)).toEqual([ErrorCodes.internal]);
    expect(errors[0]).toMatchObject({
      name: 'GeonoticeError',
      cause: failure,
      message: expect.stringContaining('flag service down'),
    });
  });
});

describe('mounted twice', () => {
  it('on the app: one notice, one header value', async () => {
    const options = { rules: rules('shipped'), geo: inCrimea, onError: failOnError };
    const app = express();
    app.use(geonotice(options));
    app.use(geonotice(options));
    app.get('/', (req, res) => res.send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it('on the app and on a router: one notice', async () => {
    const options = { rules: rules('shipped'), geo: inCrimea, onError: failOnError };
    const app = express();
    const router = express.Router();
    app.use(geonotice(options));
    router.use(geonotice(options));
    router.get('/page', (req, res) => res.send(PAGE));
    app.use('/news', router);
    const res = await request(app).get('/news/page').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('from two copies of the package in one process: one notice', async () => {
    let copy: typeof geonotice | undefined;
    jest.isolateModules(() => {
      copy = (require('../../../src') as { geonotice: typeof geonotice }).geonotice;
    });
    if (copy === undefined || copy === geonotice) throw new Error('no separate copy of the module was loaded');
    const options = { rules: rules('shipped'), geo: inCrimea, onError: failOnError };
    const app = express();
    app.use(geonotice(options));
    app.use(copy(options));
    app.get('/', (req, res) => res.send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });
});

describe('mounting and option mistakes', () => {
  it('app.use(geonotice) without the call: the first request fails with an error that names the fix', async () => {
    const app = express();
    app.use(geonotice as unknown as RequestHandler);
    app.get('/', (req, res) => res.send(PAGE));
    const handler: ErrorRequestHandler = (error: Error, req, res, next) => {
      void next;
      res
        .status(500)
        .type('text')
        .send(`${(error as GeonoticeError).code}: ${error.message}`);
    };
    app.use(handler);
    const res = await request(app).get('/').expect(500);
    expect(res.text).toContain(ErrorCodes.options);
    expect(res.text).toContain('app.use(geonotice({');
  });

  it('called with what Express passes a middleware: hands the error to next, as Express would a thrown one', () => {
    const call = geonotice as unknown as (...args: unknown[]) => unknown;
    const next = jest.fn();
    call({ headers: {}, method: 'GET', socket: {} }, {}, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith(
      expect.objectContaining({
        code: ErrorCodes.options,
        message: expect.stringMatching(/not app\.use\(geonotice\)/),
      }),
    );
    expect(() => call({ headers: {}, method: 'GET', socket: {} })).toThrow(/not app\.use\(geonotice\)/);
  });

  it('an unknown option throws, with the option it was probably meant to be', () => {
    expect(() =>
      geonotice({ rules: rules('shipped'), onerror: () => undefined } as unknown as GeonoticeOptions),
    ).toThrow(/unknown option "onerror" \(did you mean "onError"\?\)/);
  });

  it('a rule-file key given as an option: "did you mean" points at the rule file', () => {
    expect(() =>
      geonotice({ rules: rules('shipped'), regoins: { ua: ['UA-43'] } } as unknown as GeonoticeOptions),
    ).toThrow(/unknown option "regoins" \(did you mean "regions"\?[^)]*rule file/);
  });

  it('ill-typed options throw and quote the value', () => {
    expect(() => geonotice({ rules: rules('shipped'), header: 'no' } as unknown as GeonoticeOptions)).toThrow(
      /option "header" must be true or false; got "no"/,
    );
    expect(() => geonotice({} as GeonoticeOptions)).toThrow(/option "rules" is required/);
    expect(() => geonotice({ rules: rules('shipped'), cache: 'public' } as unknown as GeonoticeOptions)).toThrow(
      /option "cache"/,
    );
    expect(() => geonotice({ rules: rules('shipped'), enabled: 'off' } as unknown as GeonoticeOptions)).toThrow(
      /^geonotice: option "enabled" must be true, false or a function returning one; got "off"$/,
    );
  });

  it('a broken rules directory throws at start-up, not per request', () => {
    expect(() => geonotice({ rules: 'test/fixtures/rules/misspelt-key' })).toThrow(/did you mean/);
  });
});

describe('the trust proxy warning', () => {
  /**
   * Counts the GEONOTICE_TRUST_PROXY warnings raised. Jest gives each test file its own `process`
   * object, and process.emitWarning delivers 'warning' to the real one, so a listener here would
   * hear nothing: the test watches emitWarning itself, and checks the warning's code and text.
   */
  function collectWarnings(): { messages: string[]; stop: () => void } {
    const messages: string[] = [];
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error, options?: unknown) => {
      const code = typeof options === 'object' && options !== null ? (options as { code?: string }).code : undefined;
      if (code === ErrorCodes.trustProxy) messages.push(String(warning));
    });
    return { messages, stop: () => spy.mockRestore() };
  }

  async function requests(app: express.Express, count: number, forwardedFor?: string): Promise<void> {
    for (let i = 0; i < count; i++) {
      const req = request(app).get('/');
      if (forwardedFor !== undefined) req.set('X-Forwarded-For', forwardedFor);
      await req.expect(200);
    }
  }

  it('is emitted once when the early requests all come from a private address', async () => {
    const warnings = collectWarnings();
    try {
      const app = appWith({}, (app) => app.get('/', (req, res) => res.send(PAGE)));
      await requests(app, 60);
      expect(warnings.messages).toHaveLength(1);
      expect(warnings.messages[0]).toMatch(/trust proxy/);
    } finally {
      warnings.stop();
    }
  });

  it('is not emitted when trust proxy gives the visitors’ public addresses', async () => {
    const warnings = collectWarnings();
    try {
      const app = express();
      app.set('trust proxy', 'loopback');
      app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
      app.get('/', (req, res) => res.send(PAGE));
      await requests(app, 60, '8.8.8.8');
      expect(warnings.messages).toEqual([]);
    } finally {
      warnings.stop();
    }
  });
});
