/**
 * ESI delivery through a real Varnish with the example VCL, in front of the example site: pages
 * come from the cache, and every visitor gets their own notices, compared as DOM. The same run
 * in the default `inject` delivery shows what the cache can do without ESI.
 */
import http from 'node:http';
import path from 'node:path';
import { seededWords } from '../../scripts/seeded-random';
import { decide, loadRules, parseAcceptLanguage } from '../../src';
import { runInProcess } from '../cli/run-cli';
import { domNotices } from '../helpers/dom-notices';
import { listen, type RunningServer } from '../helpers/geonotice-app';
import { describeWith } from '../helpers/system-part';
import { VARNISHD, startVarnish, type RunningVarnish } from '../../scripts/varnish';
import { LANGUAGES, SHAREABLE_PAGES as PAGES, VISITORS, type ExampleVisitor } from '../../scripts/example-traffic';

const { createApp } = require('../../examples/news-site/server.js') as {
  createApp: (options?: object) => import('express').Express;
};

const ROOT = path.resolve(__dirname, '../..');
const RULES = loadRules([path.join(ROOT, 'rules'), path.join(ROOT, 'examples/news-site/rules')]);
const REQUESTS = 1000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function get(
  port: number,
  urlPath: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      })
      .on('error', reject);
  });
}

function expected(visitor: ExampleVisitor, acceptLanguage: string | undefined, urlPath: string): string[] {
  const pagePath = urlPath.split('?')[0]!;
  return decide(RULES, {
    country: visitor.country,
    region: visitor.region,
    languages: parseAcceptLanguage(acceptLanguage),
    path: pagePath,
  })
    .map((notice) => `${notice.id}:${notice.language}`)
    .sort();
}

interface Run {
  wrong: string[];
  rawEsi: number;
  renders: Map<string, number>;
  hitRatio: number;
}

/** Origin behind Varnish, `REQUESTS` seeded requests through it once warm. */
async function runThroughVarnish(delivery: 'esi' | 'inject'): Promise<Run> {
  const app = createApp({ delivery });
  const renders = new Map<string, number>();
  let origin: RunningServer | undefined;
  let varnish: RunningVarnish | undefined;
  try {
    origin = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
      if (!(req.url ?? '').startsWith('/_geonotice/esi'))
        renders.set(req.url ?? '', (renders.get(req.url ?? '') ?? 0) + 1);
      app(req, res);
    });
    varnish = await startVarnish(origin.port);
    const port = varnish.port;
    for (const page of PAGES) await get(port, page, { 'X-Forwarded-For': VISITORS[3].ip });
    const warm = (await varnish.topLevelRequests()).length;
    const words = seededWords(0x5a17);
    const pick = <T>(list: readonly T[]): T => list[words() % list.length]!;
    const wrong: string[] = [];
    let rawEsi = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const visitor = pick(VISITORS);
      const acceptLanguage = pick(LANGUAGES);
      const page = pick(PAGES);
      const headers: Record<string, string> = { 'X-Forwarded-For': visitor.ip };
      if (acceptLanguage !== undefined) headers['Accept-Language'] = acceptLanguage;
      const res = await get(port, page, headers);
      if (res.body.includes('esi:include')) rawEsi += 1;
      const shown = domNotices(res.body);
      const want = expected(visitor, acceptLanguage, page);
      if (shown.join() !== want.join())
        wrong.push(`${visitor.name} ${acceptLanguage ?? '-'} ${page}: got [${shown.join()}] expected [${want.join()}]`);
    }
    const measured = (await varnish.topLevelRequests()).slice(warm);
    const hits = measured.filter((entry) => entry.handling === 'hit').length;
    return { wrong, rawEsi, renders, hitRatio: hits / measured.length };
  } finally {
    await varnish?.stop();
    await origin?.close();
  }
}

test('the expected notices, worked out by decide(), tell the places apart', () => {
  // Pinned, so that a rule set deciding nothing for anyone cannot make every comparison below pass.
  expect(expected(VISITORS[1], 'ru', '/')).toEqual(['sharing-risk-russia:ru']);
  expect(expected(VISITORS[2], 'uk', '/')).toEqual([]);
  expect(expected(VISITORS[4], 'de-DE,de;q=0.9', '/')).toEqual([]);
});

describeWith({ name: 'Varnish', path: VARNISHD, debianPackage: 'varnish' }, 'the example site behind Varnish', () => {
  it(`delivery: 'esi': ${REQUESTS} requests from five places, pages from the cache, every visitor's own notices`, async () => {
    const run = await runThroughVarnish('esi');
    expect(run.wrong).toEqual([]);
    expect(run.rawEsi).toBe(0);
    expect(run.hitRatio).toBeGreaterThanOrEqual(0.99);
    for (const page of PAGES) expect(run.renders.get(page) ?? 0).toBeLessThanOrEqual(3);
  }, 120_000);

  it('a visitor whose place or language changes between requests never gets the previous fragment', async () => {
    const app = createApp({ delivery: 'esi' });
    const origin = await listen(app);
    const varnish = await startVarnish(origin.port);
    try {
      const turns = [
        { visitor: VISITORS[1], language: 'ru' },
        { visitor: VISITORS[1], language: 'uk' },
        { visitor: VISITORS[2], language: 'uk' },
        { visitor: VISITORS[0], language: 'en' },
        { visitor: VISITORS[4], language: 'de' },
      ];
      for (let round = 0; round < 4; round++) {
        for (const { visitor, language } of turns) {
          const res = await get(varnish.port, '/articles/river-crossing', {
            'X-Forwarded-For': visitor.ip,
            'Accept-Language': language,
          });
          expect(domNotices(res.body)).toEqual(expected(visitor, language, '/articles/river-crossing'));
        }
      }
    } finally {
      await varnish.stop();
      await origin.close();
    }
  }, 60_000);

  it('geonotice doctor checks the live path through Varnish and finds it right', async () => {
    const secret = 'doctor-secret-of-sixteen';
    const origin = await listen(createApp({ delivery: 'esi', preview: { secret } }));
    const varnish = await startVarnish(origin.port);
    try {
      const url = `http://127.0.0.1:${varnish.port}/articles/library-night`;
      const result = await runInProcess([
        'doctor',
        url,
        '--secret',
        secret,
        '--lang',
        'uk',
        'rules',
        'examples/news-site/rules',
      ]);
      expect(result.stdout).toMatch(
        /a visitor from the region \(UA-43\): HTTP 200\n {2}ok: notices sharing-risk-russia\n {2}ok: Cache-Control: private/,
      );
      expect(result.code).toBe(0);
    } finally {
      await varnish.stop();
      await origin.close();
    }
  }, 60_000);

  it("delivery: 'inject', for contrast: right notices, but no page can be shared", async () => {
    const run = await runThroughVarnish('inject');
    expect(run.wrong).toEqual([]);
    expect(run.hitRatio).toBe(0);
  }, 120_000);
});
