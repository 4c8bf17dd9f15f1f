/**
 * The example Worker (examples/04-cloudflare-worker), bundled as wrangler bundles it, inside
 * workerd, Cloudflare's own runtime (through miniflare): pages from a local origin and from the
 * edge cache, each visitor's notices from request.cf, compared as DOM.
 */
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { Miniflare } from 'miniflare';
import { compileRules, decide, loadRules, parseAcceptLanguage } from '../../../src';
import { domNotices } from '../../helpers/dom-notices';
import { listen, type RunningServer } from '../../helpers/geonotice-app';
import { bundleWorker } from '../../../scripts/bundle-worker';

const ROOT = path.resolve(__dirname, '../../..');
const RULES = loadRules(path.join(ROOT, 'rules'));

const PAGE = (title: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>Ёлка и море.</p></main></body></html>`;

/** An origin with public caching, counting the pages it renders. */
function origin(rendered: Map<string, number>) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    rendered.set(url, (rendered.get(url) ?? 0) + 1);
    if (url === '/api') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' });
      return void res.end('{"html":"<body>"}');
    }
    if (url === '/fragment') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
      return void res.end('<li>one more story</li>');
    }
    const html = PAGE(url);
    if (url === '/gzip') {
      const body = zlib.gzipSync(html);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Encoding': 'gzip',
        'Cache-Control': 'public, max-age=60',
        'Content-Length': body.length,
      });
      return void res.end(body);
    }
    if (url === '/slow') {
      // Cut where it hurts: inside "<body>", and inside a two-byte character.
      const bytes = Buffer.from(html);
      const at = html.indexOf('<body>') + 3;
      const yo = bytes.indexOf(Buffer.from('Ё')) + 1;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
      res.write(bytes.subarray(0, at));
      setTimeout(() => res.write(bytes.subarray(at, yo)), 20);
      setTimeout(() => res.end(bytes.subarray(yo)), 40);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=60' });
    res.end(html);
  };
}

const VISITORS = {
  russia: { country: 'RU', regionCode: 'MOW' },
  crimea: { country: 'UA', regionCode: '43' },
  kyiv: { country: 'UA', regionCode: '30' },
  unitedStates: { country: 'US', regionCode: 'CA' },
} as const;

function expected(
  cf: { country: string; regionCode: string },
  acceptLanguage: string | undefined,
  pagePath: string,
): string[] {
  const visitor = {
    country: cf.country,
    region: `${cf.country}-${cf.regionCode}`,
    languages: parseAcceptLanguage(acceptLanguage),
    path: pagePath,
  };
  return decide(RULES, visitor)
    .filter((notice) => notice.placement !== 'none')
    .map((notice) => `${notice.id}:${notice.language}`)
    .sort();
}

describe('the example Worker inside workerd', () => {
  const rendered = new Map<string, number>();
  let server: RunningServer;
  let mf: Miniflare;

  beforeAll(async () => {
    server = await listen(origin(rendered));
    const script = await bundleWorker(
      { file: path.join(ROOT, 'examples/04-cloudflare-worker/worker.js') },
      JSON.stringify(compileRules(RULES)),
    );
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-06-01',
      bindings: { ORIGIN: `http://127.0.0.1:${server.port}` },
    });
    await mf.ready;
  }, 60_000);
  afterAll(async () => {
    await mf?.dispose();
    await server?.close();
  });

  const get = (pagePath: string, cf: object, headers: Record<string, string> = {}, method = 'GET') =>
    mf.dispatchFetch(`https://news.example${pagePath}`, { method, headers, cf });

  it.each([
    ['russia', 'ru'],
    ['crimea', 'uk,ru;q=0.8'],
    ['crimea', undefined],
    ['kyiv', 'uk'],
    ['unitedStates', 'en-US'],
  ] as const)(
    'a visitor from %s (%s) gets their own notices, private; the cached page is everyone’s',
    async (who, language) => {
      const response = await get(
        '/news/1',
        VISITORS[who],
        language === undefined ? {} : { 'Accept-Language': language },
      );
      const html = await response.text();
      expect(domNotices(html)).toEqual(expected(VISITORS[who], language, '/news/1'));
      expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    },
  );

  it('served every visitor above from one render at the origin: the edge cache kept the page', () => {
    expect(rendered.get('/news/1')).toBe(1);
  });

  it('places the notice in a body cut inside <body> and inside a character', async () => {
    const response = await get('/slow', VISITORS.crimea, { 'Accept-Language': 'ru' });
    const html = await response.text();
    expect(domNotices(html)).toEqual(['sharing-risk-russia:ru']);
    expect(html).toContain('<p>Ёлка и море.</p>');
  });

  // What Content-Encoding the Worker's response keeps is checked in transform.test.ts: what a
  // client of miniflare sees here depends on how dispatchFetch decodes, not on geonotice.
  it('injects a gzip page that fetch() already decoded', async () => {
    const response = await get('/gzip', VISITORS.crimea);
    expect(domNotices(await response.text())).toEqual(['sharing-risk-russia:en']);
  });

  it('leaves a fragment fetched by script, and JSON, as they came', async () => {
    const fragment = await get('/fragment', VISITORS.crimea, { 'Sec-Fetch-Dest': 'empty' });
    expect(await fragment.text()).toBe('<li>one more story</li>');
    const api = await get('/api', VISITORS.crimea);
    expect(await api.text()).toBe('{"html":"<body>"}');
    expect(api.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers HEAD with the headers only', async () => {
    const response = await get('/news/2', VISITORS.crimea, {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    expect(await response.text()).toBe('');
  });
});

describe('geonotice/fetch inside workerd, with a body that really is gzip bytes', () => {
  it('decodes it once through DecompressionStream and encodes it again', async () => {
    const gzipped = zlib.gzipSync(PAGE('raw'));
    const worker = `
      import { geonoticeFetch } from 'geonotice/fetch';
      import rules from './rules.json';
      const notices = geonoticeFetch({ rules });
      const BYTES = new Uint8Array(${JSON.stringify([...gzipped])});
      export default {
        async fetch(request) {
          // encodeBody 'manual': these are gzip bytes, as a Worker sees a body it did not fetch.
          const raw = new Response(BYTES, { headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, encodeBody: 'manual' });
          const out = await notices.transform(request, raw);
          const stream = out.body.pipeThrough(new DecompressionStream('gzip'));
          return new Response(stream, { headers: { 'Content-Type': 'text/html' } });
        },
      };`;
    const script = await bundleWorker({ source: worker }, JSON.stringify(compileRules(RULES)));
    const mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-06-01' });
    try {
      const response = await mf.dispatchFetch('https://news.example/', { cf: VISITORS.crimea });
      const html = await response.text();
      expect(domNotices(html)).toEqual(['sharing-risk-russia:en']);
      expect(html).toContain('<h1>raw</h1>');
    } finally {
      await mf.dispose();
    }
  }, 60_000);
});
