/**
 * Audit records say what a response delivered, not only what was decided: a notice counts as
 * shown in the body only when the injector really wrote it into the page.
 */
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import request from 'supertest';
import { geonotice, staticProvider, type DecisionRecord, type GeonoticeOptions } from '../../../src';
import { createPreviewToken } from '../../../src/preview/token';
import {
  appWith,
  FIXTURES_DIR,
  inCrimea,
  listen,
  PAGE,
  rawRequest,
  rules,
  SHIPPED_NOTICE,
} from '../../helpers/geonotice-app';

const SECRET = 'a-long-enough-preview-secret';

/** An app on the shipped rules for a visitor in Crimea, collecting every record. */
function recording(
  options: Partial<GeonoticeOptions>,
  routes: (app: express.Express) => void,
): { app: express.Express; records: DecisionRecord[] } {
  const records: DecisionRecord[] = [];
  const app = appWith({ ...options, onDecision: (record) => records.push(record) }, routes);
  return { app, records };
}

/** Waits for the records the server writes as its responses finish. */
async function settled(records: readonly DecisionRecord[], count: number): Promise<void> {
  for (let i = 0; i < 100 && records.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(records).toHaveLength(count);
}

const bodyShown = { id: SHIPPED_NOTICE, language: 'en', placement: 'body-start', delivered: 'body' };

describe('audit records say what was delivered', () => {
  it('an HTML page: the notice in the body, with status, method, source and data date', async () => {
    const { app, records } = recording({}, (app) => app.get('/', (_req, res) => res.send(PAGE)));
    await request(app).get('/').expect(200);
    await settled(records, 1);
    expect(records[0]).toMatchObject({
      status: 200,
      method: 'GET',
      notices: [SHIPPED_NOTICE],
      shown: [bodyShown],
      source: { provider: 'static', dataDate: null },
      complete: true,
    });
    expect(records[0]).not.toHaveProperty('preview');
    expect(records[0]).not.toHaveProperty('purpose');
  });

  it("names the rules' network that placed the visitor, whatever the geo data said", async () => {
    const czech = staticProvider({ country: 'CZ' });
    const { app, records } = recording({ geo: czech }, (app) => {
      app.set('trust proxy', 'loopback');
      app.get('/', (_req, res) => res.send(PAGE));
    });
    // A Miranda-Media (Crimea) address, which these geo data place in the Czech Republic.
    await request(app).get('/').set('X-Forwarded-For', '2.59.51.7').expect(200);
    await request(app).get('/').set('X-Forwarded-For', '8.8.8.8').expect(200);
    await settled(records, 2);
    expect(records[0]).toMatchObject({
      country: 'CZ',
      shown: [bodyShown],
      source: {
        provider: 'static',
        network: { network: 'occupied-ukraine-isps', entry: 'AS201776', label: 'Miranda-Media Ltd' },
      },
    });
    expect(records[1]!.source).not.toHaveProperty('network');
  });

  it('a JSON response: decided, but never in a body', async () => {
    const { app, records } = recording({}, (app) => app.get('/api', (_req, res) => res.json({ ok: true })));
    await request(app).get('/api').expect(200);
    await settled(records, 1);
    expect(records[0]?.notices).toEqual([SHIPPED_NOTICE]);
    expect(records[0]?.shown.filter((shown) => shown.delivered === 'body')).toEqual([]);
  });

  it('a 404 page: shown, with its status; a HEAD request: nothing in a body', async () => {
    const { app, records } = recording({}, (app) => {
      app.get('/', (_req, res) => res.send(PAGE));
      app.use((_req, res) => res.status(404).type('html').send(PAGE));
    });
    await request(app).get('/missing').expect(404);
    await request(app).head('/').expect(200);
    await settled(records, 2);
    expect(records[0]).toMatchObject({ status: 404, shown: [bodyShown] });
    expect(records[1]).toMatchObject({ method: 'HEAD', status: 200 });
    expect(records[1]?.shown.filter((shown) => shown.delivered === 'body')).toEqual([]);
  });

  it('a frameset page, which has no body: not shown in one', async () => {
    const frameset =
      '<!DOCTYPE html><html><head></head><frameset cols="50%,50%"><frame src="a.html"></frameset></html>';
    const { app, records } = recording({}, (app) => app.get('/', (_req, res) => res.type('html').send(frameset)));
    await request(app).get('/').expect(200);
    await settled(records, 1);
    expect(records[0]?.shown.filter((shown) => shown.delivered === 'body')).toEqual([]);
  });

  it('a page compressed by compression(): shown in the body after decoding', async () => {
    const records: DecisionRecord[] = [];
    const app = express();
    app.use(compression({ threshold: 0 }));
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onDecision: (record) => records.push(record) }));
    app.get('/', (_req, res) => res.send(PAGE));
    await request(app).get('/').set('Accept-Encoding', 'gzip').expect(200);
    await settled(records, 1);
    expect(records[0]?.shown).toEqual([bodyShown]);
  });

  it('a preview request is marked, located by the token', async () => {
    const { app, records } = recording({ preview: { secret: SECRET } }, (app) =>
      app.get('/', (_req, res) => res.send(PAGE)),
    );
    const token = createPreviewToken({ country: 'RU', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
    await request(app).get('/').set('Geonotice-Preview', token).expect(200);
    await settled(records, 1);
    expect(records[0]).toMatchObject({
      preview: true,
      country: 'RU',
      source: { provider: 'preview', dataDate: null },
      shown: [bodyShown],
    });
  });

  it.each([
    ['prefetch', 'prefetch'],
    ['prefetch;prerender', 'prerender'],
  ])('Sec-Purpose: %s is marked as %s', async (header, purpose) => {
    const { app, records } = recording({}, (app) => app.get('/', (_req, res) => res.send(PAGE)));
    await request(app).get('/').set('Sec-Purpose', header).expect(200);
    await settled(records, 1);
    expect(records[0]?.purpose).toBe(purpose);
  });

  it('the endpoint: delivered as JSON for the page to render', async () => {
    const { app, records } = recording({ endpoint: '/geonotice.json' }, () => undefined);
    await request(app).get('/geonotice.json').expect(200);
    await settled(records, 1);
    expect(records[0]?.shown).toEqual([{ ...bodyShown, delivered: 'endpoint' }]);
  });

  it('placement none: "locals" when the template was handed the notices, else not shown at all', async () => {
    const records: DecisionRecord[] = [];
    const app = express();
    app.set('views', path.join(FIXTURES_DIR, 'views'));
    app.set('view engine', 'ejs');
    app.use(
      geonotice({
        rules: rules('placements'),
        geo: inCrimea,
        header: false,
        onDecision: (record) => records.push(record),
      }),
    );
    app.get('/quiet/rendered', (_req, res) => res.render('article', { title: 'Rendered' }));
    app.get('/quiet/sent', (_req, res) => res.send(PAGE));
    const rendered = await request(app).get('/quiet/rendered').expect(200);
    expect(rendered.text).toContain('data-id="quiet-notice"');
    await request(app).get('/quiet/sent').expect(200);
    await settled(records, 2);
    expect(records[0]?.shown).toEqual([{ id: 'quiet-notice', language: 'en', placement: 'none', delivered: 'locals' }]);
    expect(records[1]?.shown).toEqual([]);
  });

  it('a route that replaces res.locals.geonotice reads back what it put there', async () => {
    const { app, records } = recording({}, (app) =>
      app.get('/', (_req, res) => {
        const decided = res.locals.geonotice;
        res.locals.geonotice = { ...decided, enabled: false };
        res.json({ before: decided.enabled, after: res.locals.geonotice.enabled });
      }),
    );
    const response = await request(app).get('/').expect(200);
    expect(response.body).toEqual({ before: true, after: false });
    await settled(records, 1);
  });

  it('a connection closed before the page ended: recorded as incomplete', async () => {
    const records: DecisionRecord[] = [];
    const app = express();
    app.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onDecision: (record) => records.push(record) }));
    app.get('/slow', (_req, res) => {
      res.type('html').write('<!DOCTYPE html><html><body><p>first part</p>');
      // The rest never comes: the client gives up first.
    });
    const server = await listen(app);
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port: server.port, path: '/slow', agent: false }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (error) =>
          (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error),
        );
      });
      await settled(records, 1);
      expect(records[0]).toMatchObject({ complete: false, shown: [bodyShown] });
    } finally {
      await server.close();
    }
  });

  it('keeps the address as configured: a network, the full address, or a keyed hash', async () => {
    const key = 'k'.repeat(32);
    const seen: Record<string, string | null> = {};
    for (const [name, ip] of [
      ['network', 'network'],
      ['full', 'full'],
      ['hmac', { hmac: key }],
    ] as const) {
      const { app, records } = recording({ audit: { ip } }, (app) => app.get('/', (_req, res) => res.send(PAGE)));
      const server = await listen(app);
      try {
        await rawRequest(server.port, '/');
        await settled(records, 1);
        seen[name] = records[0]?.ip ?? null;
      } finally {
        await server.close();
      }
    }
    expect(seen).toEqual({
      network: '127.0.0.0',
      full: '127.0.0.1',
      hmac: expect.stringMatching(/^hmac:[0-9a-f]{16}$/),
    });
  });

  it('refuses a short key and an unknown audit setting at start-up', () => {
    expect(() => geonotice({ rules: rules('shipped'), audit: { path: '/tmp/x.jsonl', key: 'short' } })).toThrow(
      /at least 32 characters/,
    );
    expect(() => geonotice({ rules: rules('shipped'), audit: { ip: { hmac: 'short' } } })).toThrow(/audit\.ip/);
    expect(() => geonotice({ rules: rules('shipped'), audit: { pth: '/tmp/x.jsonl' } as never })).toThrow(
      /unknown key "pth" in option "audit" \(did you mean "path"\?\)/,
    );
  });
});
