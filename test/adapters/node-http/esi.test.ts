/**
 * `delivery: 'esi'`: behind a surrogate that assembles ESI, a shareable page carries an include
 * at each placement where a notice can apply and nothing per visitor; the include answers each
 * visitor's notices. Without the surrogate, or for a private page, notices are injected.
 */
import request from 'supertest';
import { PAGE, appWith, inKyiv, noticeCount } from '../../helpers/geonotice-app';

const CAPABLE = { 'Surrogate-Capability': 'varnish="ESI/1.0"' };

function esiApp(options = {}) {
  return appWith({ delivery: 'esi', ...options }, (app) => {
    app.get('/news/1', (req, res) => {
      res.locals.cspNonce = 'n0nce';
      res.set({ 'Cache-Control': 'public, max-age=60', ETag: '"v1"' }).send(PAGE);
    });
    app.get('/private', (req, res) => res.set('Cache-Control', 'private, max-age=60').send(PAGE));
    app.get('/personal', (req, res) => {
      const { notices } = res.locals.geonotice;
      res
        .set('Cache-Control', 'public, max-age=60')
        .send(PAGE.replace('</body>', `<p>${notices.length} notices</p></body>`));
    });
  });
}

describe('a shareable page behind an ESI surrogate', () => {
  it('carries the include and the styles with the page nonce, and nothing per visitor', async () => {
    const res = await request(esiApp()).get('/news/1').set(CAPABLE).expect(200);
    expect(res.text).toContain('<body class="page"><style nonce="n0nce">.geonotice{');
    expect(res.text).toContain(
      '</style><esi:include src="/_geonotice/esi?placement=body-start&amp;path=%2Fnews%2F1"/><h1>',
    );
    expect(noticeCount(res.text)).toBe(0);
    expect(res.headers['surrogate-control']).toBe('content="ESI/1.0"');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['etag']).toBe('"v1"');
    expect(res.headers['geonotice']).toBeUndefined();
    expect(res.headers['vary']).toBeUndefined();
  });

  it('stays shared when the site also records decisions (onDecision, audit)', async () => {
    const records: { shown: unknown[] }[] = [];
    const app = esiApp({ onDecision: (record: { shown: unknown[] }) => void records.push(record) });
    const res = await request(app).get('/news/1').set(CAPABLE).expect(200);
    expect(res.headers['surrogate-control']).toBe('content="ESI/1.0"');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(noticeCount(res.text)).toBe(0);
    // Recorded, but not as a display: the include request records what the visitor was shown.
    expect(records.map((record) => record.shown)).toEqual([[]]);
  });

  it('is the same page for every visitor', async () => {
    const crimea = await request(esiApp()).get('/news/1').set(CAPABLE).set('Accept-Language', 'ru');
    const kyiv = await request(esiApp({ geo: inKyiv }))
      .get('/news/1')
      .set(CAPABLE)
      .set('Accept-Language', 'uk');
    expect(crimea.status).toBe(200);
    expect(crimea.text).toContain('<esi:include ');
    expect(crimea.text).toBe(kyiv.text);
    expect(crimea.headers['cache-control']).toBe(kyiv.headers['cache-control']);
  });

  it('without the capability header gets the notice injected, as in development', async () => {
    const res = await request(esiApp()).get('/news/1').expect(200);
    expect(res.text).not.toContain('esi:include');
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['surrogate-control']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('private, max-age=60');
  });

  it('a private page is injected, and never gets Surrogate-Control (Varnish would then ignore private)', async () => {
    const res = await request(esiApp()).get('/private').set(CAPABLE).expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['surrogate-control']).toBeUndefined();
  });

  it('a template that reads res.locals.geonotice makes its page private, and injected', async () => {
    const res = await request(esiApp()).get('/personal').set(CAPABLE).expect(200);
    expect(res.text).toContain('<p>1 notices</p>');
    expect(noticeCount(res.text)).toBe(1);
    expect(res.text).not.toContain('esi:include');
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(res.headers['surrogate-control']).toBeUndefined();
  });
});

describe('the include', () => {
  const include = '/_geonotice/esi?placement=body-start&path=%2Fnews%2F1';

  it("answers the visitor's notices for that placement and page, as markup only, never stored", async () => {
    const res = await request(esiApp()).get(include).set('Accept-Language', 'ru').expect(200);
    expect(res.text).toMatch(
      /^<aside class="geonotice geonotice-danger" role="note" lang="ru" data-geonotice="sharing-risk-russia">[\s\S]*<\/aside>$/,
    );
    expect(res.text).not.toContain('<style');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers nothing to a visitor who gets no notice, or for a placement no notice uses', async () => {
    expect(
      (
        await request(esiApp({ geo: inKyiv }))
          .get(include)
          .expect(200)
      ).text,
    ).toBe('');
    expect((await request(esiApp()).get('/_geonotice/esi?placement=body-end&path=%2F').expect(200)).text).toBe('');
  });

  it.each([
    ['no placement', '/_geonotice/esi?path=%2F'],
    ['an unknown placement', '/_geonotice/esi?placement=head&path=%2F'],
    ['no path', '/_geonotice/esi?placement=body-start'],
    ['another host', '/_geonotice/esi?placement=body-start&path=%2F%2Fevil.example%2F'],
    ['a URL', '/_geonotice/esi?placement=body-start&path=https%3A%2F%2Fevil.example%2F'],
    ['a header injection', '/_geonotice/esi?placement=body-start&path=%2F%0D%0ASet-Cookie%3A%20x%3D1'],
    ['a charset that is not one', '/_geonotice/esi?placement=body-start&path=%2F&charset=%3Cscript%3E'],
  ])('a forged request (%s) gets a 400 that redirects nowhere and reflects nothing', async (_what, url) => {
    const res = await request(esiApp()).get(url).expect(400);
    expect(res.headers['location']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).not.toMatch(/evil|script/);
  });

  it('is only answered in ESI delivery; otherwise the path is the application’s', async () => {
    await request(appWith({}, () => undefined))
      .get(include)
      .expect(404);
  });
});

describe('the kill switch', () => {
  it('turns injection off without a redeploy, and says so', async () => {
    let on = true;
    const app = appWith({ enabled: () => on }, (app) =>
      app.get('/', (req, res) => res.set('Cache-Control', 'public, max-age=5').send(PAGE)),
    );
    expect(noticeCount((await request(app).get('/')).text)).toBe(1);
    on = false;
    const off = await request(app).get('/').expect(200);
    expect(off.text).toBe(PAGE);
    expect(off.headers['geonotice-status']).toBe('disabled');
    expect(off.headers['cache-control']).toBe('public, max-age=5');
    on = true;
    expect(noticeCount((await request(app).get('/')).text)).toBe(1);
  });
});
