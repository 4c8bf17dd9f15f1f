/**
 * A part of a page fetched by script goes into a page that already has its notice: it is left as
 * the application wrote it, with `Vary` on the request headers that told it apart. A whole page
 * fetched to replace the current one (Turbo Drive, htmx boost) gets the notice.
 */
import request from 'supertest';
import { PAGE, appWith, fetchRaw, noticeCount } from '../../helpers/geonotice-app';

const FRAGMENT = '<li>Another story</li>';

const app = appWith({}, (app) => {
  app.get('/list', (req, res) => res.set('Cache-Control', 'public, max-age=60').type('html').send(FRAGMENT));
  app.get('/page', (req, res) => res.set('Cache-Control', 'public, max-age=60').send(PAGE));
  app.get('/streamed-list', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.write('<li>One</li>');
    res.end('<li>Two</li>');
  });
  app.get('/streamed-page', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.write('<!doctype html><html><head><title>Streamed</title></head>');
    res.end('<body><p>Late body</p></body></html>');
  });
});

function varyNames(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

describe('fragment requests: a part of a page whatever comes back', () => {
  it.each([
    ['an htmx request', { 'HX-Request': 'true' }],
    ['a Turbo Frame', { 'Turbo-Frame': 'comments' }],
  ])('%s gets no notice and keeps its caching headers', async (_what, headers) => {
    for (const urlPath of ['/list', '/page']) {
      const res = await request(app).get(urlPath).set(headers).expect(200);
      expect(noticeCount(res.text)).toBe(0);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers['geonotice']).toBeUndefined();
      expect(varyNames(res.headers['vary'])).toEqual(['turbo-frame', 'hx-request', 'hx-boosted']);
    }
  });

  it('a boosted htmx request replaces the page: it gets the notice', async () => {
    const res = await request(app).get('/page').set({ 'HX-Request': 'true', 'HX-Boosted': 'true' }).expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
  });
});

describe('responses fetched by script', () => {
  it.each([
    ['fetch()', { 'Sec-Fetch-Dest': 'empty' }],
    ['jQuery', { 'X-Requested-With': 'XMLHttpRequest' }],
  ])('%s of a fragment: no notice, headers kept, Vary on what told it apart', async (_what, headers) => {
    const res = await request(app).get('/list').set(headers).expect(200);
    expect(res.text).toBe(FRAGMENT);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(varyNames(res.headers['vary'])).toEqual(['sec-fetch-dest', 'x-requested-with']);
  });

  it('fetch() of a whole document (Turbo Drive): the notice', async () => {
    const res = await request(app).get('/page').set('Sec-Fetch-Dest', 'empty').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('a fragment whose headers went out before its body: still no notice', async () => {
    const res = await fetchRaw(app, '/streamed-list', { headers: { 'Sec-Fetch-Dest': 'empty' } });
    expect(res.body.toString()).toBe('<li>One</li><li>Two</li>');
    expect(varyNames(res.headers['vary'])).toEqual(expect.arrayContaining(['sec-fetch-dest', 'x-requested-with']));
  });

  it('a document whose headers went out before its body: the notice', async () => {
    const res = await fetchRaw(app, '/streamed-page', { headers: { 'Sec-Fetch-Dest': 'empty' } });
    expect(noticeCount(res.body.toString())).toBe(1);
  });

  it('the same fragment opened as a page is a page: it gets the notice', async () => {
    const res = await request(app).get('/list').set('Sec-Fetch-Dest', 'document').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(varyNames(res.headers['vary'])).toEqual(expect.arrayContaining(['sec-fetch-dest', 'x-requested-with']));
  });
});

describe('option stylesheet', () => {
  const linked = appWith({ stylesheet: '/geonotice.css' }, (app) => app.get('/page', (req, res) => res.send(PAGE)));

  it('links the styles instead of inlining them, so a kept CSP nonce cannot block them', async () => {
    const res = await request(linked).get('/page').expect(200);
    expect(res.text).toContain('<link rel="stylesheet" href="/geonotice.css"><aside');
    expect(res.text).not.toContain('<style');
  });

  it('serves the stylesheet, cacheable by anyone', async () => {
    const res = await request(linked).get('/geonotice.css').expect(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.text).toContain('.geonotice{');
  });
});
