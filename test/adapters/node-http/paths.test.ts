/**
 * No spelling of a URL escapes a path condition: Express routes case-insensitively and
 * express.static decodes and resolves the path, so `paths` holds when the path as sent or as
 * resolved matches, and `not_paths` excludes only when both do.
 */
import path from 'node:path';
import express from 'express';
import { loadRules } from '../../../src';
import { FIXTURES_DIR, appWith, fetchRaw, noticeCount } from '../../helpers/geonotice-app';

const DIR = path.join(FIXTURES_DIR, 'paths');

function sectionApp() {
  return appWith({ rules: loadRules(path.join(DIR, 'paths.yaml')) }, (app) => {
    app.get('/news/:id', (req, res) =>
      res.type('html').send(`<!doctype html><body><p>Story ${req.params.id}</p></body>`),
    );
    app.get('/news/:a/:b', (req, res) => res.type('html').send('<!doctype html><body><p>Two parts</p></body>'));
    app.get('/api/:item', (req, res) => res.type('html').send('<!doctype html><body><p>API page</p></body>'));
    app.use(express.static(path.join(DIR, 'public')));
  });
}

describe('path conditions see every spelling of a path', () => {
  const app = sectionApp();

  it.each([
    ['the path as written', '/news/1'],
    ['upper case, which Express routes to /news/:id', '/NEWS/1'],
    ['a percent-encoded letter, which express.static decodes', '/%6Eews/a.html'],
    ['a doubled slash', '//news/a.html'],
    ['a dot segment', '/x/../news/a.html'],
    ['an encoded slash, which express.static decodes', '/news%2Fa.html'],
  ])('%s (%s) gets the section notice', async (_how, urlPath) => {
    const res = await fetchRaw(app, urlPath);
    expect(res.status).toBe(200);
    expect(noticeCount(res.body.toString(), 'news-notice')).toBe(1);
  });

  it('a path that only resolves into an excluded section keeps its notice', async () => {
    // Express serves this from /news/:a/:b (the encoded slash is not a separator to its router),
    // so it is not an API response even though it resolves to /api/x.
    const res = await fetchRaw(app, '/news/..%2Fapi/x');
    expect(res.body.toString()).toContain('Two parts');
    expect(noticeCount(res.body.toString(), 'site-notice')).toBe(1);
    expect(noticeCount(res.body.toString(), 'news-notice')).toBe(1);
  });

  it('an excluded path stays excluded', async () => {
    const res = await fetchRaw(app, '/api/x');
    expect(res.body.toString()).toContain('API page');
    expect(noticeCount(res.body.toString(), 'site-notice')).toBe(0);
  });

  it('a path outside the section gets only the site-wide notice', async () => {
    const res = await fetchRaw(app, '/newsletter');
    expect(res.status).toBe(404);
    expect(noticeCount(res.body.toString(), 'news-notice')).toBe(0);
  });
});
