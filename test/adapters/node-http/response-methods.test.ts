/**
 * Where a response's replaced methods live: in a table of their own, reached from Node's methods,
 * so that an Express response gets no own properties; on the response itself when other code
 * wrapped it first. Either way the notice goes in once, through Express sub-apps (which switch a
 * response's prototype), compression mounted first, and plain node:http.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import express from 'express';
import compression from 'compression';
import { geonotice } from '../../../src';
import { methodsOf, onResponseHeaders } from '../../../src/adapters/node-http/response-methods';
import {
  PAGE,
  appWith,
  failOnError,
  fetchRaw,
  inCrimea,
  listen,
  noticeCount,
  rawRequest,
  rules,
} from '../../helpers/geonotice-app';

const OWN_METHODS = ['writeHead', 'write', 'end'] as const;

function ownMethods(res: ServerResponse): string[] {
  return OWN_METHODS.filter((name) => Object.hasOwn(res, name));
}

describe('the methods of a hooked response', () => {
  it('an Express page with a notice is injected without a method assigned to its response', async () => {
    let own: string[] | undefined;
    const app = appWith({}, (app) =>
      app.get('/', (req, res) => {
        own = ownMethods(res);
        res.type('html').send(PAGE);
      }),
    );
    const raw = await fetchRaw(app, '/');
    expect(noticeCount(raw.body.toString())).toBe(1);
    expect(own).toEqual([]);
  });

  it('a page of an Express sub-app, which switches the response prototype, gets the notice', async () => {
    const sub = express();
    sub.get('/page', (req, res) => res.type('html').send(PAGE));
    const app = appWith({}, (app) => app.use('/sub', sub));
    const raw = await fetchRaw(app, '/sub/page');
    expect(noticeCount(raw.body.toString())).toBe(1);
  });

  it('geonotice inside a sub-app, the page sent by the parent app after the sub-app passes it on', async () => {
    const sub = express();
    sub.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    const app = express();
    app.use(sub);
    app.get('/', (req, res) => res.type('html').send(PAGE));
    const raw = await fetchRaw(app, '/');
    expect(noticeCount(raw.body.toString())).toBe(1);
  });

  it('an application that copies its locals into a new object keeps the notice', async () => {
    const app = appWith({}, (app) => {
      app.use((req, res, next) => {
        res.locals = { ...res.locals, user: 'reader' };
        next();
      });
      app.get('/', (req, res) => res.type('html').send(PAGE));
    });
    const raw = await fetchRaw(app, '/');
    expect(noticeCount(raw.body.toString())).toBe(1);
    expect(raw.headers['cache-control']).toContain('private');
  });

  it('compression() mounted first, its methods already on the response: the notice goes in once', async () => {
    const app = express();
    app.use(compression());
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    app.get('/', (req, res) => res.type('html').send(PAGE));
    const raw = await fetchRaw(app, '/', { headers: { 'Accept-Encoding': 'identity' } });
    expect(noticeCount(raw.body.toString())).toBe(1);
  });

  it('plain node:http: the notice goes in, and another server in the process is left byte for byte', async () => {
    const middleware = geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError });
    const hooked = await listen((req: IncomingMessage, res: ServerResponse) =>
      middleware(req, res, () => {
        res.setHeader('Content-Type', 'text/html');
        res.write(PAGE.slice(0, 40));
        res.end(PAGE.slice(40));
      }),
    );
    const plain = await listen((req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write(PAGE.slice(0, 40));
      res.end(PAGE.slice(40));
    });
    try {
      expect(noticeCount((await rawRequest(hooked.port, '/')).body.toString())).toBe(1);
      expect((await rawRequest(plain.port, '/')).body.toString()).toBe(PAGE);
    } finally {
      await Promise.all([hooked.close(), plain.close()]);
    }
  });
});

describe('methodsOf', () => {
  /** A response as Express hands it on: with `locals`. */
  function response(): ServerResponse {
    const res = new http.ServerResponse(new http.IncomingMessage(null as never));
    return Object.assign(res, { locals: Object.create(null) as object });
  }

  it('gives an unwrapped response a table of its own, kept in its locals under a symbol a copy keeps, and the same response hooked again itself', () => {
    const res = response();
    const first = methodsOf(res);
    expect(first).not.toBe(res);
    expect(methodsOf(res)).toBe(res);
    const locals = (res as { locals?: object }).locals ?? {};
    // Under a symbol, which templates cannot name, and carried over by a copy of the locals.
    expect(Object.keys(locals)).toEqual([]);
    expect(Object.getOwnPropertySymbols({ ...locals })).toHaveLength(1);
  });

  it('a response without locals, or wrapped by other code first, is hooked on itself', () => {
    const bare = new http.ServerResponse(new http.IncomingMessage(null as never));
    expect(methodsOf(bare)).toBe(bare);
    const res = response();
    const write = res.write.bind(res);
    res.write = ((...args: Parameters<typeof write>) => write(...args)) as typeof res.write;
    expect(methodsOf(res)).toBe(res);
  });

  it('listeners on one response run in reverse order of adding, the later one on the response itself', () => {
    const res = response();
    const order: string[] = [];
    onResponseHeaders(methodsOf(res), () => order.push('first'));
    onResponseHeaders(methodsOf(res), () => order.push('second'));
    expect(ownMethods(res)).toEqual(['writeHead']);
    res.writeHead(200);
    expect(order).toEqual(['second', 'first']);
  });
});
