/**
 * Shared caches and validators: a response that differs by visitor is made private (or varied
 * on the configured header), varies on Accept-Language where the language changes it, carries
 * an ETag that depends on the decision, and is never answered 304 for a copy that lacks a notice
 * which applies now.
 */
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { PAGE, PAGES_DIR, appWith, inKyiv, noticeCount, rules } from '../../helpers/geonotice-app';

describe('Cache-Control', () => {
  const app = appWith({}, (app) => {
    app.get('/public', (req, res) => res.set('Cache-Control', 'public, max-age=300, s-maxage=600').send(PAGE));
    app.get('/no-store', (req, res) => res.set('Cache-Control', 'no-store, public').send(PAGE));
    app.get('/none', (req, res) => res.send(PAGE));
    app.get('/private', (req, res) => res.set('Cache-Control', 'private, max-age=5').send(PAGE));
    app.use('/static', express.static(PAGES_DIR, { maxAge: '10m' }));
  });

  it('merges private in: public removed, s-maxage dropped, the rest kept', async () => {
    const res = await request(app).get('/public').expect(200);
    expect(res.headers['cache-control']).toBe('private, max-age=300');
  });

  it('keeps no-store', async () => {
    const res = await request(app).get('/no-store').expect(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('adds private where the application said nothing', async () => {
    const res = await request(app).get('/none').expect(200);
    expect(res.headers['cache-control']).toBe('private');
  });

  it('does not repeat private', async () => {
    const res = await request(app).get('/private').expect(200);
    expect(res.headers['cache-control']).toBe('private, max-age=5');
  });

  it("applies to express.static's own header too", async () => {
    const res = await request(app).get('/static/article.html').expect(200);
    expect(res.headers['cache-control']).toBe('private, max-age=600');
  });

  it('applies to a visitor who gets no notice: the absence of a notice must not be shared either', async () => {
    const kyiv = appWith({ geo: inKyiv }, (app) =>
      app.get('/', (req, res) => res.set('Cache-Control', 'public, max-age=60').send(PAGE)),
    );
    const res = await request(kyiv).get('/').expect(200);
    expect(res.text).toBe(PAGE);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(res.headers['vary']).toMatch(/Accept-Language/);
  });
});

describe('Vary', () => {
  it('adds Accept-Language where the language changes the notice, keeping what the app varies on', async () => {
    const app = appWith({}, (app) => app.get('/', (req, res) => res.set('Vary', 'Cookie').send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(res.headers['vary']).toBe('Cookie, Accept-Language');
  });

  it("with cache: { vary: 'CF-IPCountry' }: stays shareable and varies on the country header instead", async () => {
    const app = appWith({ cache: { vary: 'CF-IPCountry' } }, (app) =>
      app.get('/', (req, res) => res.set('Cache-Control', 'public, max-age=60').send(PAGE)),
    );
    const res = await request(app).get('/').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['vary']).toBe('CF-IPCountry, Accept-Language');
  });

  it('leaves Vary: * alone', async () => {
    const app = appWith({}, (app) => app.get('/', (req, res) => res.set('Vary', '*').send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(res.headers['vary']).toBe('*');
  });

  it('a notice with one message and a region condition only: private, no Accept-Language', async () => {
    const app = appWith({ rules: rules('placements') }, (app) => app.get('/start/page', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/start/page').expect(200);
    expect(res.headers['cache-control']).toBe('private');
    expect(res.headers['vary']).toBeUndefined();
  });

  it('a path no notice can apply to is left cacheable', async () => {
    const app = appWith({ rules: rules('placements') }, (app) =>
      app.get('/elsewhere', (req, res) => res.set('Cache-Control', 'public, max-age=60').send(PAGE)),
    );
    const res = await request(app).get('/elsewhere').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['vary']).toBeUndefined();
  });
});

describe('ETag and conditional requests', () => {
  let now = new Date('2029-12-31T23:00:00Z');
  const app = appWith({ rules: rules('future'), now: () => now }, (app) => {
    app.get('/page', (req, res) => res.send(PAGE));
    app.get('/file', (req, res) => res.sendFile(path.join(PAGES_DIR, 'article.html')));
  });

  beforeEach(() => {
    now = new Date('2029-12-31T23:00:00Z');
  });

  it('differs with and without the notice', async () => {
    const before = await request(app).get('/page').expect(200);
    now = new Date('2030-01-01T00:00:00Z');
    const after = await request(app).get('/page').expect(200);
    expect(noticeCount(before.text, 'from-2030')).toBe(0);
    expect(noticeCount(after.text, 'from-2030')).toBe(1);
    expect(before.headers['etag']).toBeDefined();
    expect(after.headers['etag']).toBeDefined();
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
  });

  it.each(['/page', '/file'])(
    '%s: a copy from before active.from gets a full 200 with the notice, never a 304',
    async (urlPath) => {
      const before = await request(app).get(urlPath).expect(200);
      const oldTag = String(before.headers['etag']);
      const lastModified = before.headers['last-modified'];
      // The same validators are still good a minute before the notice starts...
      const stillFresh = request(app).get(urlPath).set('If-None-Match', oldTag);
      if (lastModified !== undefined) stillFresh.set('If-Modified-Since', String(lastModified));
      await stillFresh.expect(304);

      now = new Date('2030-01-01T00:00:01Z');
      const conditional = request(app).get(urlPath).set('If-None-Match', oldTag);
      if (lastModified !== undefined) conditional.set('If-Modified-Since', String(lastModified));
      const after = await conditional.expect(200);
      expect(noticeCount(after.text, 'from-2030')).toBe(1);
    },
  );

  it.each(['/page', '/file'])('%s: the current ETag gets a 304 that carries it', async (urlPath) => {
    now = new Date('2030-06-01T00:00:00Z');
    const first = await request(app).get(urlPath).expect(200);
    const currentTag = String(first.headers['etag']);
    const res = await request(app).get(urlPath).set('If-None-Match', currentTag).expect(304);
    expect(res.headers['etag']).toBe(currentTag);
    expect(res.text).toBeFalsy();
  });

  it('If-Modified-Since alone cannot prove the copy has the notice: a full 200', async () => {
    now = new Date('2030-06-01T00:00:00Z');
    const first = await request(app).get('/file').expect(200);
    const res = await request(app)
      .get('/file')
      .set('If-Modified-Since', String(first.headers['last-modified']))
      .expect(200);
    expect(noticeCount(res.text, 'from-2030')).toBe(1);
  });
});
