/**
 * Where the response hook lives. In an Express app it is on the application's own response
 * prototype (adding methods to each response costs Express 5 a hidden class per response), so
 * these tests pin what that must not break: sub-applications, which switch a response's
 * prototype as it enters and leaves them; responses geonotice did not hook, in the same app;
 * and middleware that wrapped the methods before geonotice did.
 */
import type { ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import onHeaders from 'on-headers';
import request from 'supertest';
import { geonotice } from '../../src';
import { PAGE, SHIPPED_NOTICE, failOnError, inCrimea, noticeCount, rules } from '../helpers/geonotice-app';

const mountGeonotice = (): RequestHandler => geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }) as RequestHandler;

const ownMethods = (res: ServerResponse): string[] => ['writeHead', 'write', 'end'].filter((name) => Object.hasOwn(res, name));

describe('the response hook in an Express app', () => {
  it('adds no method to the response itself, and the page gets its notice', async () => {
    let own: string[] | undefined;
    const app = express();
    app.use(mountGeonotice());
    app.get('/', (req, res) => {
      own = ownMethods(res);
      res.send(PAGE);
    });
    const res = await request(app).get('/').expect(200);
    expect(own).toEqual([]);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['vary']).toContain('Accept-Language');
  });

  it('a route in a sub-application mounted after geonotice gets the notice', async () => {
    const app = express();
    const blog = express();
    blog.get('/post', (req, res) => res.send(PAGE));
    app.use(mountGeonotice());
    app.use('/blog', blog);
    const res = await request(app).get('/blog/post').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it('geonotice inside a sub-application still injects when the page comes from the parent', async () => {
    const app = express();
    const blog = express();
    blog.use(mountGeonotice());
    app.use('/blog', blog);
    // Nothing in `blog` answers: Express hands the response back to the parent with the
    // parent's prototype, and the parent's route sends the page.
    app.get('/blog/archive', (req, res) => res.send(PAGE));
    const res = await request(app).get('/blog/archive').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('in the same app, a response geonotice did not hook is sent as written, streamed or whole', async () => {
    const app = express();
    const callbacks: string[] = [];
    app.get('/before', (req, res) => {
      res.type('html');
      res.write(PAGE.slice(0, 40), () => callbacks.push('write'));
      res.end(PAGE.slice(40), () => callbacks.push('end'));
    });
    app.use(mountGeonotice());
    app.get('/after', (req, res) => res.send(PAGE));

    await request(app).get('/after').expect(200); // the app's prototype now carries the hook
    const streamed = await request(app).get('/before').expect(200);
    expect(streamed.text).toBe(PAGE);
    expect(streamed.headers['vary']).toBeUndefined();
    expect(callbacks).toEqual(['write', 'end']);
    const again = await request(app).get('/after').expect(200);
    expect(noticeCount(again.text)).toBe(1);
  });

  it('a middleware that wrapped writeHead before geonotice runs, and the page gets its notice', async () => {
    const app = express();
    app.use((req, res, next) => {
      onHeaders(res, () => res.setHeader('X-Wrapped-First', 'yes'));
      next();
    });
    app.use(mountGeonotice());
    app.get('/', (req, res) => res.send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(res.headers['x-wrapped-first']).toBe('yes');
    expect(noticeCount(res.text)).toBe(1);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });

  it('a middleware that wraps write and end after geonotice sees the page with its notice', async () => {
    const app = express();
    let seen = '';
    app.use(mountGeonotice());
    app.use((req, res, next) => {
      const write = res.write;
      const end = res.end;
      res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
        if (typeof chunk !== 'function' && chunk !== undefined) seen += String(chunk);
        return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof res.write;
      res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
        if (typeof chunk !== 'function' && chunk !== undefined && chunk !== null) seen += String(chunk);
        return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
      } as typeof res.end;
      next();
    });
    app.get('/', (req, res) => res.send(PAGE));
    const res = await request(app).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    // The wrapper sits in front of geonotice: it sees the page as the application wrote it.
    expect(seen).toBe(PAGE);
  });
});
