import request from 'supertest';
import type { GeonoticeLocals } from '../../src';
import golden from '../geo/golden-ips.json';

// The example is plain JavaScript that loads geonotice by its package name, as a site would.
const { createApp } = require('../../examples/news-site/server.js') as {
  createApp: (options?: object) => import('express').Express;
};

const entries = (golden as unknown as { entries: { ip: string; region?: string; country: string }[] }).entries;
const ipIn = (region: string): string => {
  const entry = entries.find((candidate) => candidate.region === region && !candidate.ip.includes(':'));
  if (!entry) throw new Error(`no golden address for ${region}`);
  return entry.ip;
};

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('examples/news-site', () => {
  const app = createApp();

  it('shows a Crimean visitor the warning in Russian, at the top of the body', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', ipIn('UA-43')).set('Accept-Language', 'ru');
    expect(response.status).toBe(200);
    expect(response.headers.geonotice).toBe('sharing-risk-russia');
    expect(response.text).toMatch(
      /<body><style nonce="[^"]+">[^<]*<\/style><aside class="geonotice geonotice-danger" role="note" lang="ru" data-geonotice="sharing-risk-russia">/,
    );
    expect(response.text).toContain('нежелательной организацией');
  });

  it('shows a visitor from 8.8.8.8 nothing, and keeps the page private to the visitor', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', '8.8.8.8');
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.text).not.toContain('data-geonotice');
    expect(response.headers['cache-control']).toBe('private, max-age=60');
  });

  it('shows the notice once on the route whose template renders notices itself', async () => {
    const response = await request(app)
      .get('/video/cup-final')
      .set('X-Forwarded-For', ipIn('UA-43'))
      .set('Accept-Language', 'uk');
    expect(count(response.text, 'data-geonotice="sharing-risk-russia"')).toBe(1);
    expect(count(response.text, 'data-geonotice="footage-rights-eea-only"')).toBe(1);
    expect(response.headers.geonotice).toBe('sharing-risk-russia, footage-rights-eea-only');
  });

  it('compresses the page with the notice inside when the client accepts gzip', async () => {
    const response = await request(app)
      .get('/articles/river-crossing')
      .set('X-Forwarded-For', ipIn('UA-43'))
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(count(response.text, 'data-geonotice="sharing-risk-russia"')).toBe(1);
  });

  it('answers the decision as JSON for client-side rendering', async () => {
    const response = await request(app)
      .get('/geonotice.json')
      .set('X-Forwarded-For', ipIn('UA-43'))
      .set('Accept-Language', 'uk');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect((response.body as GeonoticeLocals).notices).toEqual([
      expect.objectContaining({ id: 'sharing-risk-russia', language: 'uk', placement: 'body-start', style: 'danger' }),
    ]);
  });
});
