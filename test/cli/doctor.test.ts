/**
 * `geonotice doctor URL`: asks a live site, as a visitor from a region and one from elsewhere
 * (preview tokens), whether each gets the notices the rules decide and whether the caching
 * headers keep that page to its visitor.
 */
import express from 'express';
import { geonotice, loadRules } from '../../src';
import { PAGE, SHIPPED_RULES_DIR, listen, type RunningServer } from '../helpers/geonotice-app';
import { runInProcess, runInProcessJson } from './run-cli';

const SECRET = 'doctor-secret-of-sixteen';

interface DoctorJson {
  ok: boolean;
  visitors: {
    label: string;
    country: string;
    region: string | null;
    expected: string[];
    found: string[];
    notices: boolean;
    cache: { ok: boolean };
  }[];
}

async function serve(setUp: (app: express.Express) => void): Promise<RunningServer> {
  const app = express();
  setUp(app);
  app.get('/news/1', (req, res) => res.set('Cache-Control', 'public, max-age=60').send(PAGE));
  return listen(app);
}

describe('geonotice doctor', () => {
  let servers: RunningServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });

  it('passes a site that shows each visitor their notices and keeps the pages private', async () => {
    const site = await serve((app) =>
      app.use(geonotice({ rules: loadRules(SHIPPED_RULES_DIR), preview: { secret: SECRET } })),
    );
    servers.push(site);
    const { code, json } = await runInProcessJson<DoctorJson>([
      'doctor',
      `http://127.0.0.1:${site.port}/news/1`,
      '--secret',
      SECRET,
    ]);
    expect(
      json.visitors.map(({ country, region, found, notices, cache }) => ({
        country,
        region,
        found,
        notices,
        cache: cache.ok,
      })),
    ).toEqual([
      { country: 'UA', region: 'UA-43', found: ['sharing-risk-russia'], notices: true, cache: true },
      { country: 'IS', region: null, found: [], notices: true, cache: true },
    ]);
    expect(json.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('takes the region to check from --country and --region', async () => {
    const site = await serve((app) =>
      app.use(geonotice({ rules: loadRules(SHIPPED_RULES_DIR), preview: { secret: SECRET } })),
    );
    servers.push(site);
    const { code, json } = await runInProcessJson<DoctorJson>([
      'doctor',
      `http://127.0.0.1:${site.port}/news/1`,
      '--secret',
      SECRET,
      '--country',
      'RU',
      '--region',
      'RU-MOW',
    ]);
    expect(json.visitors[0]).toMatchObject({
      country: 'RU',
      region: 'RU-MOW',
      found: ['sharing-risk-russia'],
      notices: true,
    });
    expect(code).toBe(0);
  });

  it('fails a site where the notice does not arrive', async () => {
    const site = await serve(() => undefined);
    servers.push(site);
    const result = await runInProcess(['doctor', `http://127.0.0.1:${site.port}/news/1`, '--secret', SECRET]);
    expect(result.stdout).toContain('WRONG: the page shows no notice, the rules decide sharing-risk-russia');
    expect(result.code).toBe(1);
  });

  it('fails a page with the notice that any shared cache may keep', async () => {
    // A site that writes the notice in by hand, for everyone, and lets caches share the page.
    const site = await serve((app) =>
      app.get('/news/1', (req, res) =>
        res
          .set('Cache-Control', 'public, max-age=60')
          .send(PAGE.replace('<h1>', '<aside data-geonotice="sharing-risk-russia"></aside><h1>')),
      ),
    );
    servers.push(site);
    const result = await runInProcess(['doctor', `http://127.0.0.1:${site.port}/news/1`, '--secret', SECRET]);
    expect(result.stdout).toMatch(
      /UNSAFE: Cache-Control: public, max-age=60; a shared cache may hand this page to any visitor/,
    );
    expect(result.code).toBe(1);
  });

  it('refuses a short secret and a URL that is not one', async () => {
    expect((await runInProcess(['doctor', 'http://127.0.0.1:9/', '--secret', 'short'])).code).toBe(2);
    expect((await runInProcess(['doctor', 'ftp://example.org/', '--secret', SECRET])).code).toBe(2);
  });
});
