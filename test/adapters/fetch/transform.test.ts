/**
 * `geonotice/fetch` in Node's own Fetch API: the same decisions, markup, caching headers,
 * fragments and encodings as the middleware, on Request and Response.
 */
import zlib from 'node:zlib';
import { geonoticeFetch, type GeonoticeFetchOptions } from '../../../src/fetch';
import { createPreviewToken } from '../../../src/preview/token';
import { PAGE, SHIPPED_NOTICE, noticeCount, rules, withoutNotices } from '../../helpers/geonotice-app';

type Cf = { country?: string; regionCode?: string; asn?: number };

/** A request as the platform hands it over, with its `cf` object. */
function edgeRequest(path: string, cf: Cf | undefined, headers: Record<string, string> = {}, method = 'GET'): Request {
  const request = new Request(`https://news.example${path}`, { method, headers });
  if (cf !== undefined) Object.defineProperty(request, 'cf', { value: cf });
  return request;
}

/** A response whose body arrives in these pieces. */
function pieces(parts: readonly (string | Uint8Array)[], headers: Record<string, string>, status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part);
      controller.close();
    },
  });
  return new Response(body, { status, headers });
}

const HTML = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'public, max-age=300',
  'Content-Length': String(PAGE.length),
};
const CRIMEA: Cf = { country: 'UA', regionCode: '43' };
const KYIV: Cf = { country: 'UA', regionCode: '30' };

function edge(options: Partial<GeonoticeFetchOptions> = {}) {
  return geonoticeFetch({ rules: rules('shipped'), ...options });
}

describe('transform', () => {
  it("puts the visitor's notice into the page, from request.cf, and keeps the page to that visitor", async () => {
    const response = await edge().transform(
      edgeRequest('/news/1', CRIMEA, { 'Accept-Language': 'ru' }),
      pieces([PAGE], HTML),
    );
    const text = await response.text();
    expect(noticeCount(text)).toBe(1);
    expect(text).toContain('lang="ru" data-geonotice="sharing-risk-russia"');
    expect(withoutNotices(text)).toBe(PAGE);
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('geonotice')).toBe(SHIPPED_NOTICE);
  });

  it('gives Kyiv the page without the notice, still private', async () => {
    const response = await edge().transform(edgeRequest('/news/1', KYIV), pieces([PAGE], HTML));
    expect(await response.text()).toBe(PAGE);
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
  });

  it('places the notice right however the body is cut, a multi-byte character split included', async () => {
    const page = '<!doctype html><html><head><title>Ё</title></head><body><p>Ёлка</p></body></html>';
    const bytes = new TextEncoder().encode(page);
    const at = page.indexOf('<body>') + 3;
    const cyrillic = bytes.indexOf(0xd0, at + 10);
    const parts = [bytes.subarray(0, at), bytes.subarray(at, cyrillic + 1), bytes.subarray(cyrillic + 1)];
    const response = await edge().transform(edgeRequest('/', CRIMEA), pieces(parts, { 'Content-Type': 'text/html' }));
    const text = await response.text();
    expect(withoutNotices(text)).toBe(page);
    expect(text).toMatch(/<body><style>[^<]*<\/style><aside /);
  });

  it('leaves what is not HTML as it came', async () => {
    const json = pieces(['{"a":"<body>"}'], {
      'Content-Type': 'application/json',
      'Cache-Control': 'public, max-age=60',
    });
    const response = await edge().transform(edgeRequest('/api', CRIMEA), json);
    expect(await response.text()).toBe('{"a":"<body>"}');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('geonotice')).toBeNull();
  });

  it('answers HEAD with the headers its GET would get, and no body', async () => {
    const response = await edge().transform(
      edgeRequest('/', CRIMEA, {}, 'HEAD'),
      new Response(null, { headers: HTML }),
    );
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('leaves a fragment for htmx alone, with Vary on what told it apart', async () => {
    const response = await edge().transform(
      edgeRequest('/list', CRIMEA, { 'HX-Request': 'true' }),
      pieces(['<li>x</li>'], { 'Content-Type': 'text/html' }),
    );
    expect(await response.text()).toBe('<li>x</li>');
    expect(response.headers.get('vary')).toBe('Turbo-Frame, HX-Request, HX-Boosted');
  });

  it('injects a body the runtime already decoded, keeping Content-Encoding for the runtime to apply again', async () => {
    const response = await edge().transform(
      edgeRequest('/', CRIMEA),
      pieces([PAGE], { ...HTML, 'Content-Encoding': 'gzip' }),
    );
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(noticeCount(await response.text())).toBe(1);
  });

  it('decodes a body that really is gzip, once, and encodes it again', async () => {
    const gzipped = zlib.gzipSync(PAGE);
    const parts = [gzipped.subarray(0, 7), gzipped.subarray(7)];
    const response = await edge().transform(
      edgeRequest('/', CRIMEA),
      pieces(parts, { ...HTML, 'Content-Encoding': 'gzip' }),
    );
    const html = zlib.gunzipSync(Buffer.from(await response.arrayBuffer())).toString();
    expect(noticeCount(html)).toBe(1);
    expect(withoutNotices(html)).toBe(PAGE);
  });

  it('passes brotli bytes through, which no stream here decodes, and tells onError', async () => {
    const errors: Error[] = [];
    const encoded = zlib.brotliCompressSync(PAGE);
    const response = await edge({ onError: (error) => void errors.push(error) }).transform(
      edgeRequest('/', CRIMEA),
      pieces([encoded], { ...HTML, 'Content-Encoding': 'br' }),
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(encoded)).toBe(true);
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringContaining('cannot decode Content-Encoding "br" at the edge'),
    ]);
  });

  // style-src-elem governs <style> elements even when style-src comes first.
  it.each([
    ["default-src 'self'; style-src 'self' 'nonce-abc123'", 'abc123'],
    ["style-src 'nonce-for-attributes'; style-src-elem 'nonce-for-elements'", 'for-elements'],
  ])('uses the nonce the page’s own CSP gives <style>: %s', async (policy, nonce) => {
    const headers = { 'Content-Type': 'text/html', 'Content-Security-Policy': policy };
    const response = await edge().transform(edgeRequest('/', CRIMEA), pieces([PAGE], headers));
    expect(await response.text()).toContain(`<style nonce="${nonce}">`);
  });

  it('takes a preview token signed by the CLI, and keeps that response out of every cache', async () => {
    const secret = 'edge-preview-secret-16+';
    const token = createPreviewToken({ country: 'RU', exp: Math.floor(Date.now() / 1000) + 600 }, secret);
    const response = await edge({ preview: { secret } }).transform(
      edgeRequest('/', { country: 'DE' }, { 'Geonotice-Preview': token }),
      pieces([PAGE], HTML),
    );
    expect(noticeCount(await response.text())).toBe(1);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers the endpoint with the decision as JSON', async () => {
    const response = await edge({ endpoint: '/geonotice.json' }).transform(
      edgeRequest('/geonotice.json', CRIMEA, { 'Accept-Language': 'uk' }),
      new Response('origin'),
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const json = (await response.json()) as { notices: { id: string; language: string }[] };
    expect(json.notices.map(({ id, language }) => `${id}:${language}`)).toEqual(['sharing-risk-russia:uk']);
  });

  it('counts a provider that throws as not knowing, and tells onError', async () => {
    const errors: Error[] = [];
    const throwing = () => {
      throw new Error('geo down');
    };
    const response = await edge({ geo: throwing, onError: (error) => void errors.push(error) }).transform(
      edgeRequest('/', CRIMEA),
      pieces([PAGE], HTML),
    );
    // An unknown location matches the shipped rule (unknown_location: match), so the notice still shows.
    expect(noticeCount(await response.text())).toBe(1);
    expect(errors.map((error) => error.message)).toEqual(['geonotice: geo provider throwing failed']);
  });
});

describe('decide', () => {
  it('gives what templates get in the middleware', async () => {
    const locals = await edge().decide(
      edgeRequest('/news/1', { country: 'RU', regionCode: 'MOW' }, { 'Accept-Language': 'uk, ru;q=0.5' }),
    );
    expect(locals.visitor).toMatchObject({ country: 'RU', region: 'RU-MOW', languages: ['uk', 'ru'], path: '/news/1' });
    expect(locals.notices.map((notice) => notice.id)).toEqual([SHIPPED_NOTICE]);
  });

  it("reads a network from the platform's AS number", async () => {
    const locals = await edge().decide(edgeRequest('/', { country: 'CZ', asn: 201776 }));
    expect(locals.notices.map((notice) => notice.id)).toEqual([SHIPPED_NOTICE]);
  });
});

describe('options', () => {
  it('are checked when the handler is made, each saying what it must be', () => {
    expect(() => edge({ enabled: 'off' } as unknown as Partial<GeonoticeFetchOptions>)).toThrow(
      /^geonoticeFetch: option "enabled" must be true, false or a function returning one; got "off"$/,
    );
    expect(() => edge({ header: 1 } as unknown as Partial<GeonoticeFetchOptions>)).toThrow(
      /^geonoticeFetch: option "header" must be true or false; got 1$/,
    );
    expect(() => edge({ cache: { vary: [] } })).toThrow(
      /^geonoticeFetch: option "cache" must be 'private' or \{ vary: 'CF-IPCountry' \}/,
    );
    expect(() => edge({ preview: { secret: 'short' } })).toThrow(/^geonoticeFetch: option "preview": /);
  });

  it('a kill switch function turns notices off only when it returns false', async () => {
    let answer: unknown = undefined;
    const handler = edge({ enabled: () => answer as boolean });
    const count = async () =>
      noticeCount(await (await handler.transform(edgeRequest('/', CRIMEA), pieces([PAGE], HTML))).text());
    expect(await count()).toBe(1);
    answer = false;
    expect(await count()).toBe(0);
  });
});
