/**
 * The middleware outside Express: a plain `node:http` server calls it with its own request and
 * response (no req.ip, no res.locals) and a `next` of its own.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { geonotice, type GeonoticeLocals, type GeonoticeResponse } from '../../../src';
import {
  PAGE,
  SHIPPED_NOTICE,
  failOnError,
  fetchRaw,
  inCrimea,
  inKyiv,
  noticeCount,
  rules,
  withoutNotices,
} from '../../helpers/geonotice-app';

function plainServer(
  geo = inCrimea,
  send: (res: http.ServerResponse) => void = (res) => res.end(PAGE),
): http.RequestListener {
  const middleware = geonotice({ rules: rules('shipped'), geo, onError: failOnError });
  return (req, res) => {
    middleware(req, res, (error) => {
      if (error) {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : 'error');
        return;
      }
      const locals = (res as GeonoticeResponse).locals?.['geonotice'] as GeonoticeLocals | undefined;
      res.setHeader('X-Notices-Seen-By-Handler', String(locals?.notices.length ?? 'none'));
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      send(res);
    });
  };
}

describe('a plain node:http server', () => {
  it('gets the notice, the header and res.locals, with a true Content-Length', async () => {
    const raw = await fetchRaw(plainServer(), '/');
    const html = raw.body.toString();
    expect(raw.status).toBe(200);
    expect(noticeCount(html)).toBe(1);
    expect(withoutNotices(html)).toBe(PAGE);
    expect(raw.headers['geonotice']).toBe(SHIPPED_NOTICE);
    expect(raw.headers['x-notices-seen-by-handler']).toBe('1');
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(raw.headers['cache-control']).toBe('private');
  });

  it('writeHead with headers, then writes', async () => {
    const raw = await fetchRaw(
      plainServer(inCrimea, (res) => {
        res.writeHead(200, { 'Content-Length': Buffer.byteLength(PAGE) });
        res.write(PAGE.slice(0, 50));
        res.end(PAGE.slice(50));
      }),
      '/',
    );
    expect(noticeCount(raw.body.toString())).toBe(1);
    expect(raw.headers['content-length']).toBeUndefined();
  });

  it('a gzip body', async () => {
    const raw = await fetchRaw(
      plainServer(inCrimea, (res) => {
        res.setHeader('Content-Encoding', 'gzip');
        res.end(zlib.gzipSync(PAGE));
      }),
      '/',
    );
    expect(noticeCount(zlib.gunzipSync(raw.body).toString())).toBe(1);
  });

  it('a visitor with no notice gets the page byte for byte, with the length node would have set', async () => {
    const raw = await fetchRaw(plainServer(inKyiv), '/');
    expect(raw.body.toString()).toBe(PAGE);
    expect(raw.headers['geonotice']).toBeUndefined();
    expect(raw.headers['x-notices-seen-by-handler']).toBe('0');
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
  });

  it('the default provider reads the socket address when there is no req.ip: loopback is an unknown location', async () => {
    const middleware = geonotice({ rules: rules('shipped'), onError: failOnError });
    const listener: http.RequestListener = (req, res) => {
      middleware(req, res, () => {
        res.setHeader('Content-Type', 'text/html');
        res.end(PAGE);
      });
    };
    const raw = await fetchRaw(listener, '/');
    // Unknown location + the shipped notice's default `unknown_location: match`: shown.
    expect(noticeCount(raw.body.toString())).toBe(1);
  });
});
