/**
 * Only a variable response (an HTML page with a body, on a path where a notice can apply, that
 * is not a fragment) has its caching headers changed; stylesheets, images, JSON, redirects and
 * bodiless responses keep the application's headers exactly, and a variable page loses the
 * targeted cache headers a CDN would obey instead of `private`.
 */
import path from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { geonotice } from '../../../src';
import { PAGE, ROOT, failOnError, inCrimea, noticeCount, rules } from '../../helpers/geonotice-app';

const ASSETS = path.join(ROOT, 'examples/news-site/public');

function routes(app: Express): void {
  app.use('/assets', express.static(ASSETS, { maxAge: '10m' }));
  app.get('/api/items', (req, res) => res.set('Cache-Control', 'public, max-age=30').json({ items: [1, 2] }));
  app.get('/old', (req, res) => res.set('Cache-Control', 'public, max-age=3600').redirect(301, '/'));
  app.get('/ping', (req, res) => res.set('Cache-Control', 'public, max-age=5').status(204).end());
  app.get('/text', (req, res) => res.set('Cache-Control', 'public, max-age=5').type('text').send('<body>plain</body>'));
  app.get('/', (req, res) =>
    res
      .set({
        'Cache-Control': 'public, max-age=300, s-maxage=600',
        'CDN-Cache-Control': 'max-age=600',
        'Cloudflare-CDN-Cache-Control': 'max-age=600',
        'Surrogate-Control': 'max-age=600',
        'Edge-Control': 'cache-maxage=600s',
        'X-Accel-Expires': '600',
      })
      .send(PAGE),
  );
}

function app(withGeonotice: boolean, options = {}): Express {
  const site = express();
  if (withGeonotice) site.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError, ...options }));
  routes(site);
  return site;
}

/** Every response header but those that differ from one response to the next anyway. */
function stableHeaders(headers: Record<string, string>): Record<string, string> {
  const { date, connection, 'keep-alive': keepAlive, ...rest } = headers;
  void date;
  void connection;
  void keepAlive;
  return rest;
}

describe('responses that no visitor sees differently keep their headers byte for byte', () => {
  it.each([
    ['a stylesheet from express.static', '/assets/site.css'],
    ['an image from express.static', '/assets/favicon.svg'],
    ['JSON', '/api/items'],
    ['a redirect', '/old'],
    ['a 204', '/ping'],
    ['plain text that looks like HTML', '/text'],
  ])('%s', async (_what, urlPath) => {
    const without = await request(app(false)).get(urlPath).set('Sec-Fetch-Dest', 'empty');
    const withIt = await request(app(true)).get(urlPath).set('Sec-Fetch-Dest', 'empty');
    expect(withIt.status).toBe(without.status);
    expect(stableHeaders(withIt.headers)).toEqual(stableHeaders(without.headers));
  });

  it('a stylesheet revalidated by a visitor who gets a notice still gets its 304', async () => {
    const site = app(true);
    const first = await request(site).get('/assets/site.css').set('Sec-Fetch-Dest', 'style').expect(200);
    await request(site)
      .get('/assets/site.css')
      .set('Sec-Fetch-Dest', 'style')
      .set('If-None-Match', String(first.headers['etag']))
      .expect(304);
  });
});

describe('a variable page', () => {
  it('is private, and loses the cache headers a CDN obeys instead of Cache-Control', async () => {
    const res = await request(app(true)).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    for (const name of [
      'cdn-cache-control',
      'cloudflare-cdn-cache-control',
      'surrogate-control',
      'edge-control',
      'x-accel-expires',
    ]) {
      expect(res.headers[name]).toBeUndefined();
    }
  });

  it('in vary mode keeps them while the decision rests on the headers the cache keys on', async () => {
    const res = await request(app(true, { cache: { vary: 'X-Country' } }))
      .get('/')
      .expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300, s-maxage=600');
    expect(res.headers['cdn-cache-control']).toBe('max-age=600');
    expect(res.headers['vary']).toBe('X-Country, Accept-Language');
  });
});
