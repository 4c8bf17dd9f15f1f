/**
 * Responses that must not be changed — HEAD, 204, 206, 304, non-HTML, `no-transform` — keep their
 * body byte for byte and still get the visitor headers; and Content-Length, checked on the raw
 * bytes with node's own client, is never wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import {
  PAGE,
  PAGES_DIR,
  SHIPPED_NOTICE,
  appWith,
  fetchRaw,
  noticeCount,
  expectTrueLength,
} from '../../helpers/geonotice-app';

const ARTICLE_BYTES = fs.readFileSync(path.join(PAGES_DIR, 'article.html'));

const app = appWith({}, (app) => {
  app.get('/page', (req, res) => res.send(PAGE));
  app.get('/no-content', (req, res) => {
    res.status(204).type('html').end();
  });
  app.get('/json', (req, res) => res.json({ html: '<body>not a page</body>' }));
  app.get('/text', (req, res) => res.type('text').send(PAGE));
  app.get('/no-transform', (req, res) => {
    res.set('Cache-Control', 'public, max-age=60, no-transform').send(PAGE);
  });
  app.get('/etag', (req, res) => {
    res.set('ETag', '"v1"').send(PAGE);
  });
  app.use('/static', express.static(PAGES_DIR));
});

describe('HEAD', () => {
  it('sends no body and no Content-Length that disagrees with what GET would send', async () => {
    const head = await fetchRaw(app, '/page', { method: 'HEAD' });
    const get = await fetchRaw(app, '/page');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['geonotice']).toBe(SHIPPED_NOTICE);
    expect(head.headers['cache-control']).toMatch(/\bprivate\b/);
    expect(noticeCount(get.body.toString())).toBe(1);
    // Without a body the length with the notice cannot be known, so HEAD leaves it out (RFC 9110
    // lets it); GET, which has the body, says it truly.
    expect(head.headers['content-length']).toBeUndefined();
    expect(Number(get.headers['content-length'])).toBe(get.body.length);
  });

  it('on express.static: the same', async () => {
    const head = await fetchRaw(app, '/static/article.html', { method: 'HEAD' });
    const get = await fetchRaw(app, '/static/article.html');
    expect(head.body.length).toBe(0);
    expect(get.body.length).toBeGreaterThan(ARTICLE_BYTES.length);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expectTrueLength(get.headers, get.body.length);
  });
});

describe('statuses that carry no full body', () => {
  it('204: no body, and nothing to vary: the headers stay as the application set them', async () => {
    const raw = await fetchRaw(app, '/no-content');
    expect(raw.status).toBe(204);
    expect(raw.body.length).toBe(0);
    expect(raw.headers['geonotice']).toBeUndefined();
    expect(raw.headers['cache-control']).toBeUndefined();
    expect(raw.headers['vary']).toBeUndefined();
  });

  it('206: a Range request against express.static gets exactly the original bytes of the range', async () => {
    const raw = await fetchRaw(app, '/static/article.html', { headers: { Range: 'bytes=0-99' } });
    expect(raw.status).toBe(206);
    expect(raw.body.equals(ARTICLE_BYTES.subarray(0, 100))).toBe(true);
    expect(raw.headers['content-range']).toBe(`bytes 0-99/${ARTICLE_BYTES.length}`);
    expectTrueLength(raw.headers, raw.body.length);
    expect(raw.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it('a full response whose body was changed does not offer byte ranges of it', async () => {
    const raw = await fetchRaw(app, '/static/article.html');
    expect(raw.status).toBe(200);
    expect(noticeCount(raw.body.toString())).toBe(1);
    expect(raw.headers['accept-ranges']).toBeUndefined();
  });

  it('304: no body, headers set', async () => {
    const first = await fetchRaw(app, '/etag');
    const etag = first.headers['etag'];
    expect(etag).toBeDefined();
    const again = await fetchRaw(app, '/etag', { headers: { 'If-None-Match': String(etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['geonotice']).toBe(SHIPPED_NOTICE);
    expect(again.headers['etag']).toBe(etag);
  });
});

describe('bodies that are not HTML, or must not be transformed', () => {
  it('JSON passes untouched, even when it contains "<body>", headers included', async () => {
    const raw = await fetchRaw(app, '/json');
    expect(raw.body.toString()).toBe(JSON.stringify({ html: '<body>not a page</body>' }));
    expectTrueLength(raw.headers, raw.body.length);
    expect(raw.headers['geonotice']).toBeUndefined();
    expect(raw.headers['cache-control']).toBeUndefined();
    expect(raw.headers['vary']).toBeUndefined();
  });

  it('text/plain passes untouched', async () => {
    const raw = await fetchRaw(app, '/text');
    expect(raw.body.toString()).toBe(PAGE);
    expectTrueLength(raw.headers, raw.body.length);
  });

  it('Cache-Control: no-transform passes untouched, and is still kept out of shared caches', async () => {
    const raw = await fetchRaw(app, '/no-transform');
    expect(raw.body.toString()).toBe(PAGE);
    expectTrueLength(raw.headers, raw.body.length);
    expect(raw.headers['cache-control']).toBe('private, max-age=60, no-transform');
  });
});

describe('Content-Length on the wire', () => {
  it.each(['/page', '/json'])('%s (one res.send): is exact, set to the bytes received', async (urlPath) => {
    const raw = await fetchRaw(app, urlPath);
    expect(raw.headers['content-length']).toBeDefined();
    expectTrueLength(raw.headers, raw.body.length);
  });

  it('a streamed file: the stale length is removed and the body is sent chunked', async () => {
    const raw = await fetchRaw(app, '/static/article.html');
    expect(noticeCount(raw.body.toString())).toBe(1);
    expect(raw.headers['content-length']).toBeUndefined();
    expect(raw.headers['transfer-encoding']).toBe('chunked');
  });

  it('supertest agrees: the notice is there and the declared length is the body length', async () => {
    const res = await request(app).get('/page').buffer(true).expect(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });
});
