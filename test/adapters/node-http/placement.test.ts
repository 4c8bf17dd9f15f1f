/**
 * Where the notice lands, through every way an Express app can produce a body: res.send, many
 * small writes, res.sendFile, express.static, a piped file stream, writeHead with an object or a
 * raw header array, and a template.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import type { GeonoticeLocals } from '../../../src';
import {
  PAGE,
  PAGES_DIR,
  FIXTURES_DIR,
  appWith,
  fetchRaw,
  noticeCount,
  rules,
  withoutNotices,
  expectTrueLength,
} from '../../helpers/geonotice-app';

const ARTICLE = fs.readFileSync(path.join(PAGES_DIR, 'article.html'), 'utf8');
const FRAMESET = fs.readFileSync(path.join(PAGES_DIR, 'frameset.html'), 'utf8');

/** The placements rule set: /start/… gets a body-start notice, /end/… body-end, /marker/… marker, /quiet/… none. */
function placementsApp(routes: (app: Express) => void): Express {
  return appWith({ rules: rules('placements') }, (app) => {
    app.set('views', path.join(FIXTURES_DIR, 'views'));
    app.set('view engine', 'ejs');
    routes(app);
  });
}

/** The text right after the first `<body …>` start tag that is a real tag (not the one in a comment or script). */
function afterBodyTag(html: string, bodyTag: string): string {
  const at = html.lastIndexOf(bodyTag);
  expect(at).toBeGreaterThan(-1);
  return html.slice(at + bodyTag.length);
}

/** Splits text into pieces of `size` characters: many small writes. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('placements', () => {
  const app = placementsApp((app) => {
    app.get(['/start/page', '/end/page', '/marker/page', '/quiet/page'], (req, res) => res.send(ARTICLE));
    app.get('/marker/without-marker', (req, res) => res.send(PAGE));
  });

  it('body-start: right after the real <body> start tag, with the stylesheet', async () => {
    const res = await request(app).get('/start/page').expect(200);
    expect(noticeCount(res.text, 'start-notice')).toBe(1);
    expect(afterBodyTag(res.text, '<body class="article">')).toMatch(
      /^<style>[^<]*<\/style><aside class="geonotice geonotice-info"[^>]*data-geonotice="start-notice">/,
    );
    expect(withoutNotices(res.text)).toBe(ARTICLE);
  });

  it('body-end: right before the last </body>', async () => {
    const res = await request(app).get('/end/page').expect(200);
    expect(noticeCount(res.text, 'end-notice')).toBe(1);
    expect(res.text).toMatch(
      /<p>Second paragraph\.<\/p>\n<style>[^<]*<\/style><aside [^>]*data-geonotice="end-notice">[\s\S]*?<\/aside><\/body>\n<\/html>\n$/,
    );
    expect(withoutNotices(res.text)).toBe(ARTICLE);
  });

  it('marker: in place of the <!-- geonotice --> comment', async () => {
    const res = await request(app).get('/marker/page').expect(200);
    expect(noticeCount(res.text, 'marker-notice')).toBe(1);
    expect(res.text).not.toContain('<!-- geonotice -->');
    expect(res.text).toMatch(
      /«from dawn to dusk»\.<\/p>\n<style>[^<]*<\/style><aside [^>]*data-geonotice="marker-notice">[\s\S]*?<\/aside>\n<p>Second paragraph/,
    );
    expect(withoutNotices(res.text)).toBe(ARTICLE.replace('<!-- geonotice -->', ''));
  });

  it('marker: at the body start when the page has no marker', async () => {
    const res = await request(app).get('/marker/without-marker').expect(200);
    expect(afterBodyTag(res.text, '<body class="page">')).toMatch(
      /^<style>[^<]*<\/style><aside [^>]*data-geonotice="marker-notice">/,
    );
  });

  it('none: only in res.locals and the header, never in the body', async () => {
    const res = await request(app).get('/quiet/page').expect(200);
    expect(res.text).toBe(ARTICLE);
    expect(res.headers['geonotice']).toBe('quiet-notice');
  });
});

describe('every way of sending a body', () => {
  const app = placementsApp((app) => {
    app.get('/start/send', (req, res) => res.send(ARTICLE));
    app.get('/start/buffer', (req, res) => res.type('html').send(Buffer.from(ARTICLE)));
    app.get('/start/writes', (req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      for (const piece of pieces(ARTICLE, 3)) res.write(piece);
      res.end();
    });
    app.get('/start/writes-and-end-chunk', (req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      const all = pieces(ARTICLE, 7);
      const last = all.pop() ?? '';
      for (const piece of all) res.write(Buffer.from(piece));
      res.end(last, 'utf8');
    });
    app.get('/start/send-file', (req, res) => res.sendFile(path.join(PAGES_DIR, 'article.html')));
    app.use('/start/static', express.static(PAGES_DIR));
    app.get('/start/piped', (req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      fs.createReadStream(path.join(PAGES_DIR, 'article.html'), { highWaterMark: 16 }).pipe(res);
    });
    app.get('/start/write-head-object', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(ARTICLE) });
      res.end(ARTICLE);
    });
    app.get('/start/write-head-array', (req, res) => {
      res.writeHead(200, ['Content-Type', 'text/html', 'Content-Length', String(Buffer.byteLength(ARTICLE))]);
      res.write(ARTICLE.slice(0, 100));
      res.end(ARTICLE.slice(100));
    });
    app.get('/start/write-head-message-and-pairs', (req, res) => {
      res.writeHead(200, 'Fine', [['Content-Type', 'text/html']]);
      res.end(ARTICLE);
    });
    app.get('/start/render', (req, res) => res.render('article', { title: 'Rendered' }));
    app.get('/quiet/render', (req, res) => res.render('article', { title: 'Rendered' }));
  });

  it.each([
    ['res.send(string)', '/start/send'],
    ['res.send(Buffer)', '/start/buffer'],
    ['res.write in three-character pieces, then res.end()', '/start/writes'],
    ['res.write(Buffer) pieces, then res.end(chunk, encoding)', '/start/writes-and-end-chunk'],
    ['res.sendFile', '/start/send-file'],
    ['express.static', '/start/static/article.html'],
    ['a piped fs.createReadStream', '/start/piped'],
    ['res.writeHead(200, { headers })', '/start/write-head-object'],
    ["res.writeHead(200, ['Content-Type', 'text/html', …])", '/start/write-head-array'],
    ["res.writeHead(200, 'Fine', [['Content-Type', 'text/html']])", '/start/write-head-message-and-pairs'],
  ])(
    '%s: one notice after <body>, the page otherwise byte for byte, a true Content-Length',
    async (_label, urlPath) => {
      const raw = await fetchRaw(app, urlPath);
      const html = raw.body.toString('utf8');
      expect(raw.status).toBe(200);
      expect(raw.headers['geonotice']).toBe('start-notice');
      expect(noticeCount(html, 'start-notice')).toBe(1);
      expect(afterBodyTag(html, '<body class="article">')).toMatch(/^<style>[^<]*<\/style><aside /);
      expect(withoutNotices(html)).toBe(ARTICLE);
      expectTrueLength(raw.headers, raw.body.length);
    },
  );

  it('keeps the status message given to writeHead', async () => {
    const raw = await fetchRaw(app, '/start/write-head-message-and-pairs');
    expect(raw.statusMessage).toBe('Fine');
  });

  it('res.render: injects into the rendered template', async () => {
    const res = await request(app).get('/start/render').expect(200);
    expect(noticeCount(res.text, 'start-notice')).toBe(1);
    expect(res.text).toMatch(/<body>\n?<style>[^<]*<\/style><aside [^>]*data-geonotice="start-notice">/);
  });

  it('res.render: a template renders a placement: none notice from res.locals itself', async () => {
    const res = await request(app).get('/quiet/render').expect(200);
    expect(res.text).toContain('<p class="site-notice" data-id="quiet-notice">Quiet notice.</p>');
    expect(res.text).not.toContain('<aside');
  });
});

describe('a frameset document', () => {
  it('passes through unchanged (it has no body), with the header and locals still set', async () => {
    let locals: GeonoticeLocals | undefined;
    const app = placementsApp((app) =>
      app.get('/start/frames', (req, res) => {
        locals = res.locals.geonotice;
        res.send(FRAMESET);
      }),
    );
    const raw = await fetchRaw(app, '/start/frames');
    expect(raw.body.toString('utf8')).toBe(FRAMESET);
    expect(Number(raw.headers['content-length'])).toBe(raw.body.length);
    expect(raw.headers['geonotice']).toBe('start-notice');
    expect(locals?.notices.map((notice) => notice.id)).toEqual(['start-notice']);
  });
});

describe('a page without a <body> tag', () => {
  it('gets the notice where a browser opens the body', async () => {
    const app = placementsApp((app) =>
      app.get('/start/bare', (req, res) => res.send('<!DOCTYPE html><title>Bare</title><p>Text</p>')),
    );
    const res = await request(app).get('/start/bare').expect(200);
    expect(res.text).toMatch(
      /^<!DOCTYPE html><title>Bare<\/title><style>[^<]*<\/style><aside [^>]*>[\s\S]*<\/aside><p>Text<\/p>$/,
    );
  });
});
