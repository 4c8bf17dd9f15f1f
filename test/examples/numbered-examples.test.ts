import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { GeonoticeLocals } from '../../src';
import type { Express } from 'express';
import request from 'supertest';

// The numbered examples are plain JavaScript that load geonotice by its package name, as a site
// would (`npm run build` first). Each exports createApp(); these tests check what its README shows.
type CreateApp<Options = void> = (options?: Options) => Express;
const example = <Options = void>(name: string): CreateApp<Options> =>
  (require(path.join('../../examples', name, 'server.js')) as { createApp: CreateApp<Options> }).createApp;

const BERLIN = '34.32.64.1'; // DE-BE in the bundled geo data (test/geo/golden-ips.json)
const MOSCOW = '5.228.128.1'; // RU-MOW
const US = '8.8.8.8';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('examples/01-one-rule', () => {
  const app = example('01-one-rule')();

  it('shows a visitor in Berlin the notice right after <body>, and names it in the header', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', BERLIN);
    expect(response.status).toBe(200);
    expect(response.headers.geonotice).toBe('impressum-germany');
    expect(response.headers['cache-control']).toBe('private');
    expect(response.text).toMatch(
      /<body><style>[^<]*<\/style><aside class="geonotice geonotice-warning" role="note" lang="en" data-geonotice="impressum-germany"><div class="geonotice-text">Publisher details required by German law are on our legal disclosure page\.<\/div><a class="geonotice-link" href="\/impressum">Impressum<\/a><\/aside><h1>Hello<\/h1>/,
    );
  });

  it('leaves the page untouched for a visitor in the United States, but still private', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', US);
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.headers['cache-control']).toBe('private');
    expect(response.text).toBe(
      '<!doctype html><html><head><title>Hello</title></head><body><h1>Hello</h1></body></html>',
    );
  });

  it('shows the notice when the visitor cannot be located (loopback), as unknown_location: match says', async () => {
    const response = await request(app).get('/');
    expect(response.headers.geonotice).toBe('impressum-germany');
    expect(count(response.text, 'data-geonotice="impressum-germany"')).toBe(1);
  });

  it('leaves a JSON route exactly as the app sent it', async () => {
    const response = await request(app).get('/api/hello').set('X-Forwarded-For', BERLIN);
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.headers['cache-control']).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.text).toBe('{"hello":"world"}');
  });

  it('answers HEAD with the headers, no body and no Content-Length that would be wrong', async () => {
    const get = await request(app).get('/').set('X-Forwarded-For', BERLIN);
    const head = await request(app).head('/').set('X-Forwarded-For', BERLIN);
    expect(head.status).toBe(200);
    expect(head.headers.geonotice).toBe('impressum-germany');
    expect(head.text ?? '').toBe('');
    // Without a body the length with the notice cannot be known, so HEAD leaves it out; GET says it.
    expect(head.headers['content-length']).toBeUndefined();
    expect(Number(get.headers['content-length'])).toBe(Buffer.byteLength(get.text));
  });

  it('treats a crawler like any other visitor from the same place', async () => {
    const fromBerlin = await request(app).get('/').set('User-Agent', GOOGLEBOT).set('X-Forwarded-For', BERLIN);
    const fromUs = await request(app).get('/').set('User-Agent', GOOGLEBOT).set('X-Forwarded-For', US);
    expect(fromBerlin.headers.geonotice).toBe('impressum-germany');
    expect(count(fromBerlin.text, 'data-geonotice="impressum-germany"')).toBe(1);
    expect(fromUs.headers.geonotice).toBeUndefined();
    expect(fromUs.text).not.toContain('data-geonotice');
  });
});

/** Just enough of a DOM for the example's client script: elements, attributes, one selector. */
class FakeElement {
  className = '';
  textContent = '';
  innerHTML = '';
  readonly children: FakeElement[] = [];
  private readonly attributes = new Map<string, string>();
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    return child;
  }
  *walk(): Generator<FakeElement> {
    yield this;
    for (const child of this.children) yield* child.walk();
  }
}

function fakeDocument(script: FakeElement, existing: FakeElement[] = []) {
  const body = new FakeElement('body');
  const container = body.appendChild(new FakeElement('div'));
  container.setAttribute('id', 'geonotice');
  for (const element of existing) body.appendChild(element);
  return {
    body,
    container,
    document: {
      body,
      currentScript: script,
      createElement: (tag: string) => new FakeElement(tag),
      getElementById: (id: string) => [...body.walk()].find((element) => element.getAttribute('id') === id) ?? null,
      querySelector: (selector: string) => {
        const match = /^\[([a-z-]+)="([^"]*)"\]$/.exec(selector);
        if (!match) throw new Error(`the fake DOM does not know the selector ${selector}`);
        return [...body.walk()].find((element) => element.getAttribute(match[1] ?? '') === match[2]) ?? null;
      },
    },
  };
}

describe('examples/02-templates-and-endpoint', () => {
  const app = example('02-templates-and-endpoint')();
  const clientScript = fs.readFileSync(
    path.join(__dirname, '../../examples/02-templates-and-endpoint/public/geonotice-client.js'),
    'utf8',
  );

  /** Runs the client script against a fake page; its fetch answers with what the endpoint said. */
  async function runClient(
    endpointAnswer: unknown,
    existing: FakeElement[] = [],
  ): Promise<{ container: FakeElement; requested: string[] }> {
    const script = new FakeElement('script');
    script.setAttribute('data-endpoint', '/geonotice.json');
    const page = fakeDocument(script, existing);
    const requested: string[] = [];
    const fetch = (url: string) => {
      requested.push(url);
      return Promise.resolve({ ok: true, json: () => Promise.resolve(endpointAnswer) });
    };
    vm.runInNewContext(clientScript, { document: page.document, fetch, console });
    // Let the fetch promise chain settle.
    await new Promise((resolve) => setImmediate(resolve));
    return { container: page.container, requested };
  }

  it('renders the placement: none notice through the template, once, in the visitor language', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', BERLIN).set('Accept-Language', 'de');
    expect(response.headers.geonotice).toBe('withdrawal-right-eu');
    expect(response.headers['cache-control']).toBe('private');
    expect(response.headers.vary).toBe('Accept-Language');
    expect(count(response.text, 'data-geonotice=')).toBe(1);
    expect(response.text).toContain(
      '<aside class="geonotice geonotice-info" role="note" lang="de" data-geonotice="withdrawal-right-eu">',
    );
    expect(response.text).toContain('<strong>14 Tage Widerrufsrecht</strong>');
    expect(response.text).toContain('<a href="/withdrawal">So widerrufen Sie</a>');
    // Nothing injected: no geonotice stylesheet, which this page's CSP would refuse anyway.
    expect(response.text).not.toContain('<style');
  });

  it('renders nothing for a shopper in the United States', async () => {
    const response = await request(app).get('/').set('X-Forwarded-For', US);
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.text).not.toContain('data-geonotice');
    expect(response.text).toContain('<button type="button">Buy</button>');
  });

  it('answers the decision at /geonotice.json, private and never stored', async () => {
    const response = await request(app)
      .get('/geonotice.json')
      .set('X-Forwarded-For', BERLIN)
      .set('Accept-Language', 'de');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      notices: [
        {
          id: 'withdrawal-right-eu',
          language: 'de',
          title: '14 Tage Widerrufsrecht',
          text: 'Sie können diesen Kauf binnen 14 Tagen nach Lieferung ohne Angabe von Gründen widerrufen.',
          link: { href: '/withdrawal', label: 'So widerrufen Sie' },
          placement: 'none',
          style: 'info',
        },
      ],
      visitor: { country: 'DE', region: 'DE-BE', languages: ['de'], path: '/geonotice.json' },
      rulesVersion: expect.stringMatching(/^[0-9a-f]+$/),
      enabled: true,
    });
  });

  it('answers an empty list to a shopper in the United States, and HEAD with no body', async () => {
    const response = await request(app).get('/geonotice.json').set('X-Forwarded-For', US);
    expect((response.body as GeonoticeLocals).notices).toEqual([]);
    expect((response.body as GeonoticeLocals).visitor).toEqual({
      country: 'US',
      region: null,
      languages: [],
      path: '/geonotice.json',
    });
    const head = await request(app).head('/geonotice.json').set('X-Forwarded-For', BERLIN);
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
  });

  it('serves the app shell unchanged, with no inline script, under a strict CSP', async () => {
    const response = await request(app).get('/app').set('X-Forwarded-For', BERLIN);
    const shell = fs.readFileSync(
      path.join(__dirname, '../../examples/02-templates-and-endpoint/public/app.html'),
      'utf8',
    );
    expect(response.headers['content-security-policy']).toBe("default-src 'self'");
    expect(response.headers.geonotice).toBe('withdrawal-right-eu');
    expect(response.text).toBe(shell);
    const scripts = response.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script src="/geonotice-client.js" data-endpoint="/geonotice.json" defer>']);
    expect(response.text).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    const client = await request(app).get('/geonotice-client.js');
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/javascript/);
  });

  it('has a client script that renders what the endpoint answered, as text', async () => {
    const answer = (
      await request(app).get('/geonotice.json').set('X-Forwarded-For', BERLIN).set('Accept-Language', 'de')
    ).body as unknown;
    const { container, requested } = await runClient(answer);
    expect(requested).toEqual(['/geonotice.json']);
    expect(container.children).toHaveLength(1);
    const aside = container.children[0] as FakeElement;
    expect(aside.tagName).toBe('aside');
    expect(aside.className).toBe('geonotice geonotice-info');
    expect(aside.getAttribute('role')).toBe('note');
    expect(aside.getAttribute('lang')).toBe('de');
    expect(aside.getAttribute('data-geonotice')).toBe('withdrawal-right-eu');
    expect(aside.children.map((child) => [child.tagName, child.textContent])).toEqual([
      ['strong', '14 Tage Widerrufsrecht'],
      ['p', 'Sie können diesen Kauf binnen 14 Tagen nach Lieferung ohne Angabe von Gründen widerrufen.'],
      ['a', 'So widerrufen Sie'],
    ]);
    expect(aside.children[2]?.getAttribute('href')).toBe('/withdrawal');
  });

  it('has a client script that does not show a notice the server already put in the page', async () => {
    const injected = new FakeElement('aside');
    injected.setAttribute('data-geonotice', 'withdrawal-right-eu');
    const answer = (await request(app).get('/geonotice.json').set('X-Forwarded-For', BERLIN)).body as unknown;
    const { container } = await runClient(answer, [injected]);
    expect(container.children).toHaveLength(0);
  });
});

describe('examples/03-cdn-and-cache', () => {
  const lines: string[] = [];
  const auditLog = { write: (chunk: string) => lines.push(chunk) };
  const app = example<{ auditLog: typeof auditLog }>('03-cdn-and-cache')({ auditLog });
  beforeEach(() => {
    lines.length = 0;
  });
  const auditRecords = (): Record<string, unknown>[] =>
    lines.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      return JSON.parse(line) as Record<string, unknown>;
    });

  it('takes the country from CF-IPCountry, keeps the page public and varies it by that header', async () => {
    const response = await request(app).get('/subscribe').set('CF-IPCountry', 'BY');
    expect(response.headers.geonotice).toBe('card-payments-unavailable');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.vary).toBe('CF-IPCountry, Accept-Language');
    expect(response.text).toMatch(
      /<body><style>[^<]*<\/style><aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="card-payments-unavailable">/,
    );
  });

  it('writes one audit line per request to its log', async () => {
    await request(app).get('/subscribe').set('CF-IPCountry', 'BY');
    expect(auditRecords()).toEqual([
      {
        event: 'geonotice.decision',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        ip: '127.0.0.0',
        country: 'BY',
        region: null,
        languages: [],
        path: '/subscribe',
        notices: ['card-payments-unavailable'],
        rulesVersion: expect.stringMatching(/^[0-9a-f]+$/),
        id: expect.any(String),
        method: 'GET',
        status: 200,
        shown: [{ id: 'card-payments-unavailable', language: 'en', placement: 'body-start', delivered: 'body' }],
        source: { provider: 'cdn-header:cf-ipcountry', dataDate: null },
        complete: true,
      },
    ]);
  });

  it('writes its audit lines to standard output unless told otherwise', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await request(example('03-cdn-and-cache')()).get('/subscribe').set('CF-IPCountry', 'RU');
      const written = write.mock.calls
        .map(([chunk]) => String(chunk))
        .filter((chunk) => chunk.includes('geonotice.decision'));
      expect(written).toHaveLength(1);
      expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ country: 'RU', notices: ['card-payments-unavailable'] });
    } finally {
      write.mockRestore();
    }
  });

  it('shows a Russian-reading visitor in Russia the Russian text', async () => {
    const response = await request(app).get('/subscribe').set('CF-IPCountry', 'RU').set('Accept-Language', 'ru');
    expect(response.text).toContain('lang="ru" data-geonotice="card-payments-unavailable"');
  });

  it('gives a visitor in Germany no notice, with the same Vary so no cached copy crosses countries', async () => {
    const response = await request(app).get('/subscribe').set('CF-IPCountry', 'DE');
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.text).not.toContain('data-geonotice');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers.vary).toBe('CF-IPCountry, Accept-Language');
  });

  it('falls back to the address when the CDN says XX (unknown), and keeps that page private', async () => {
    const response = await request(app).get('/subscribe').set('CF-IPCountry', 'XX').set('X-Forwarded-For', MOSCOW);
    expect(response.headers.geonotice).toBe('card-payments-unavailable');
    // No cache key holds an address: a copy kept under "CF-IPCountry: XX" would reach anyone the CDN cannot place.
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    expect(auditRecords()).toEqual([expect.objectContaining({ ip: '5.228.128.0', country: 'RU', region: 'RU-MOW' })]);
  });

  it('leaves a page that no rule can change alone: no header, no Vary, still public', async () => {
    const response = await request(app).get('/').set('CF-IPCountry', 'BY');
    expect(response.headers.geonotice).toBeUndefined();
    expect(response.headers.vary).toBeUndefined();
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(auditRecords()).toEqual([expect.objectContaining({ country: 'BY', path: '/', notices: [] })]);
  });

  it('treats a crawler like any other visitor from the same country', async () => {
    const response = await request(app).get('/subscribe').set('User-Agent', GOOGLEBOT).set('CF-IPCountry', 'BY');
    expect(response.headers.geonotice).toBe('card-payments-unavailable');
    expect(count(response.text, 'data-geonotice="card-payments-unavailable"')).toBe(1);
  });
});

describe('the numbered examples’ rule files', () => {
  const ROOT = path.resolve(__dirname, '../..');
  const cli = (args: readonly string[]) => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/bin.js'), ...args, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, json: JSON.parse(result.stdout) as Record<string, unknown> };
  };

  it.each([
    'examples/01-one-rule/rules.yaml',
    'examples/02-templates-and-endpoint/rules',
    'examples/03-cdn-and-cache/rules',
  ])('%s is valid even under --strict', (rules) => {
    const { code, json } = cli(['validate', '--strict', rules]);
    expect(json).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(code).toBe(0);
  });

  it.each(['examples/02-templates-and-endpoint/rules', 'examples/03-cdn-and-cache/rules'])(
    '%s passes its own tests: cases',
    (rules) => {
      const { code, json } = cli(['test', rules]);
      expect(json.failed).toBe(0);
      expect(json.passed).toBeGreaterThan(0);
      expect(code).toBe(0);
    },
  );
});
