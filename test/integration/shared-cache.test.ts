/**
 * The example site behind a shared cache that does what RFC 9111 allows it to (Cache-Control,
 * Vary), with visitors from Russia, Crimea, Kyiv, the United States and Germany in mixed
 * languages: in the default mode and in `cache: { vary }` mode with each CDN header provider, no
 * visitor ever gets another visitor's notice, or its absence, and assets come from the cache.
 */
import http from 'node:http';
import path from 'node:path';
import { seededWords } from '../../scripts/seeded-random';
import { LANGUAGES, VISITORS, type ExampleVisitor } from '../../scripts/example-traffic';
import { decide, loadRules, parseAcceptLanguage } from '../../src';
import { listen, type RunningServer } from '../helpers/geonotice-app';
import { startCachingProxy, type CachingProxy } from '../helpers/caching-proxy';

// The example loads geonotice by its package name, as a site would; the providers it is given
// must come from that same copy.
const { createApp } = require('../../examples/news-site/server.js') as {
  createApp: (options?: object) => import('express').Express;
};
const site = require('geonotice') as typeof import('../../src');

const ROOT = path.resolve(__dirname, '../..');
const RULES = loadRules([path.join(ROOT, 'rules'), path.join(ROOT, 'examples/news-site/rules')]);
const REQUESTS = 2000;

type Visitor = ExampleVisitor;

const PAGES = ['/', '/articles/river-crossing', '/articles/library-night', '/video/cup-final', '/about', '/missing'];
const ASSETS = ['/site.css', '/favicon.svg', '/api/articles'];

interface Mode {
  name: string;
  options: object;
  /** The request headers the CDN in front would set for this visitor. */
  cdnHeaders(visitor: Visitor): Record<string, string>;
}

const suffix = (visitor: Visitor): string => visitor.region.slice(3);

const MODES: readonly Mode[] = [
  { name: 'default (private, located by address)', options: {}, cdnHeaders: () => ({}) },
  {
    name: 'vary on Cloudflare CF-IPCountry + cf-region-code',
    options: {
      geo: site.cdnHeaderProvider({ header: 'CF-IPCountry', regionHeader: 'cf-region-code' }),
      cache: { vary: 'CF-IPCountry' },
    },
    cdnHeaders: (visitor) => ({ 'CF-IPCountry': visitor.country, 'cf-region-code': suffix(visitor) }),
  },
  {
    name: 'vary on CloudFront-Viewer-Country (+ region)',
    options: {
      geo: site.cdnHeaderProvider({ header: 'CloudFront-Viewer-Country' }),
      cache: { vary: 'CloudFront-Viewer-Country' },
    },
    cdnHeaders: (visitor) => ({
      'CloudFront-Viewer-Country': visitor.country,
      'CloudFront-Viewer-Country-Region': suffix(visitor),
    }),
  },
  {
    name: 'vary on X-Vercel-IP-Country (+ region)',
    options: { geo: site.cdnHeaderProvider({ header: 'X-Vercel-IP-Country' }), cache: { vary: 'X-Vercel-IP-Country' } },
    cdnHeaders: (visitor) => ({
      'X-Vercel-IP-Country': visitor.country,
      'X-Vercel-IP-Country-Region': suffix(visitor),
    }),
  },
];

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function get(
  port: number,
  urlPath: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

/** Every notice a page shows, as `id:language`, sorted: injected asides and the video template's own. */
function shownNotices(html: string): string[] {
  return [...html.matchAll(/lang="([^"]+)" data-geonotice="([^"]+)"/g)]
    .map(([, language, id]) => `${id}:${language}`)
    .sort();
}

function expectedNotices(visitor: Visitor, acceptLanguage: string | undefined, urlPath: string): string[] {
  const decided = decide(RULES, {
    country: visitor.country,
    region: visitor.region,
    languages: parseAcceptLanguage(acceptLanguage),
    path: urlPath,
  });
  return decided.map((notice) => `${notice.id}:${notice.language}`).sort();
}

test('the expected notices, worked out by decide(), tell the places apart', () => {
  // Pinned, so that a rule set deciding nothing for anyone cannot make every comparison below pass.
  expect(expectedNotices(VISITORS[1], 'ru', '/')).toEqual(['sharing-risk-russia:ru']);
  expect(expectedNotices(VISITORS[0], 'uk,ru;q=0.8', '/')).toEqual(['sharing-risk-russia:uk']);
  expect(expectedNotices(VISITORS[2], 'uk', '/')).toEqual([]);
});

describe.each(MODES)('a shared cache in front of the example site: $name', (mode) => {
  let origin: RunningServer;
  let proxy: CachingProxy;

  beforeAll(async () => {
    origin = await listen(createApp(mode.options));
    proxy = await startCachingProxy(origin.port);
  });
  afterAll(async () => {
    await proxy.close();
    await origin.close();
  });

  it(`${REQUESTS} requests: every visitor gets exactly the notices decided for them, assets come from the cache`, async () => {
    // Seeded, so that a failure can be replayed.
    const words = seededWords(0x9e0);
    const random = (): number => words() / 4294967296;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const wrong: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const visitor = pick(VISITORS);
      const acceptLanguage = pick(LANGUAGES);
      const urlPath = random() < 0.3 ? pick(ASSETS) : pick(PAGES);
      const headers: Record<string, string> = { 'X-Forwarded-For': visitor.ip, ...mode.cdnHeaders(visitor) };
      if (acceptLanguage !== undefined) headers['Accept-Language'] = acceptLanguage;
      const res = await get(proxy.port, urlPath, headers);
      if (ASSETS.includes(urlPath)) {
        expect(res.status).toBe(200);
        continue;
      }
      const shown = shownNotices(res.body);
      const expected = expectedNotices(visitor, acceptLanguage, urlPath);
      if (shown.join() !== expected.join())
        wrong.push(
          `${visitor.name} ${acceptLanguage ?? '-'} ${urlPath}: got [${shown.join()}] expected [${expected.join()}]`,
        );
    }
    expect(wrong).toEqual([]);
    for (const asset of ['/site.css', '/favicon.svg']) {
      expect(proxy.misses.get(asset)).toBe(1);
      expect(proxy.hits.get(asset)).toBeGreaterThan(0);
    }
  }, 60_000);
});
