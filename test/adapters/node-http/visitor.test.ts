/**
 * Who the visitor is: the client address Express's `trust proxy` gives, the default geoip-lite
 * provider, and what the middleware hands on (res.locals, the Geonotice header, the JSON
 * endpoint, the audit hook).
 */
import express from 'express';
import request from 'supertest';
import { geonotice, type DecisionRecord, type GeonoticeLocals } from '../../../src';
import {
  PAGE,
  SHIPPED_NOTICE,
  appWith,
  failOnError,
  inCrimea,
  inKyiv,
  noticeCount,
  rules,
} from '../../helpers/geonotice-app';

/** An app on the default provider (geoip-lite on req.ip), with the given trust proxy setting. */
function siteTrusting(trustProxy: string | false, onDecision?: (record: DecisionRecord) => void) {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(geonotice({ rules: rules('shipped'), onError: failOnError, ...(onDecision ? { onDecision } : {}) }));
  app.get(['/', '/news/:id'], (req, res) => res.send(PAGE));
  return app;
}

describe('the client address, as trust proxy decides', () => {
  const trusting = siteTrusting('loopback');

  it('locates a Crimean X-Forwarded-For address behind a trusted proxy and shows the notice', async () => {
    const res = await request(trusting).get('/').set('X-Forwarded-For', '31.135.112.1').expect(200);
    expect(noticeCount(res.text)).toBe(1);
    expect(res.headers['geonotice']).toBe(SHIPPED_NOTICE);
  });

  it('shows nothing to a US address behind the same proxy', async () => {
    const res = await request(trusting).get('/').set('X-Forwarded-For', '8.8.8.8').expect(200);
    expect(res.text).toBe(PAGE);
    expect(res.headers['geonotice']).toBeUndefined();
  });

  it('takes the address the trusted proxy appended, not one a client forged before it', async () => {
    // The client sent "X-Forwarded-For: 8.8.8.8"; the proxy on loopback appended the real peer.
    const res = await request(trusting).get('/').set('X-Forwarded-For', '8.8.8.8, 31.135.112.1').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('unwraps IPv4-mapped IPv6 addresses', async () => {
    const crimea = await request(trusting).get('/').set('X-Forwarded-For', '::ffff:31.135.112.1').expect(200);
    expect(noticeCount(crimea.text)).toBe(1);
    const us = await request(trusting).get('/').set('X-Forwarded-For', '::ffff:8.8.8.8').expect(200);
    expect(noticeCount(us.text)).toBe(0);
  });

  it('locates IPv6 visitors', async () => {
    const res = await request(trusting).get('/').set('X-Forwarded-For', '2a04:f804::1').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });

  it('ignores X-Forwarded-For when trust proxy is off: the loopback peer has no known location', async () => {
    // An unknown location satisfies `regions` under the default `unknown_location: match`,
    // and the shipped notice uses that default, so the loopback client sees the notice whatever
    // X-Forwarded-For claims: the header is not what decided it.
    const app = siteTrusting(false);
    for (const forwarded of ['8.8.8.8', '31.135.112.1']) {
      const res = await request(app).get('/').set('X-Forwarded-For', forwarded).expect(200);
      expect(noticeCount(res.text)).toBe(1);
    }
  });
});

describe('what the middleware hands on', () => {
  it('sets res.locals.geonotice before the route runs', async () => {
    let seen: GeonoticeLocals | undefined;
    const app = appWith({}, (app) =>
      app.get('/news/1', (req, res) => {
        seen = res.locals.geonotice;
        res.json({ ids: seen.notices.map((notice) => notice.id) });
      }),
    );
    const res = await request(app).get('/news/1?x=1').set('Accept-Language', 'uk-UA,uk;q=0.9,ru;q=0.8').expect(200);
    expect(res.body).toEqual({ ids: [SHIPPED_NOTICE] });
    expect(seen?.visitor).toEqual({
      country: 'UA',
      region: 'UA-43',
      languages: ['uk-ua', 'uk', 'ru'],
      path: '/news/1',
      address: '127.0.0.1',
    });
    expect(seen?.notices[0]).toMatchObject({
      id: SHIPPED_NOTICE,
      language: 'uk',
      placement: 'body-start',
      style: 'danger',
    });
    expect(seen?.rulesVersion).toBe(rules('shipped').version);
  });

  it('gives an empty list, and no Geonotice header, when nothing applies', async () => {
    let seen: GeonoticeLocals | undefined;
    const app = appWith({ geo: inKyiv }, (app) =>
      app.get('/', (req, res) => {
        seen = res.locals.geonotice;
        res.send(PAGE);
      }),
    );
    const res = await request(app).get('/').expect(200);
    expect(seen?.notices).toEqual([]);
    expect(res.headers['geonotice']).toBeUndefined();
  });

  it('leaves out the Geonotice header with header: false, and still injects', async () => {
    const app = appWith({ header: false }, (app) => app.get('/', (req, res) => res.send(PAGE)));
    const res = await request(app).get('/').expect(200);
    expect(res.headers['geonotice']).toBeUndefined();
    expect(noticeCount(res.text)).toBe(1);
  });

  it('sees the mount path: notices match on the full URL path, not the router-relative one', async () => {
    let seen: GeonoticeLocals | undefined;
    const app = express();
    const router = express.Router();
    router.use(geonotice({ rules: rules('shipped'), geo: inCrimea, onError: failOnError }));
    router.get('/story', (req, res) => {
      seen = res.locals.geonotice;
      res.send(PAGE);
    });
    app.use('/news', router);
    await request(app).get('/news/story').expect(200);
    expect(seen?.visitor.path).toBe('/news/story');
  });
});

describe('the JSON endpoint', () => {
  const app = appWith({ endpoint: '/geonotice.json' }, (app) => app.get('/', (req, res) => res.send(PAGE)));

  it("answers with the visitor's decision, never to be stored", async () => {
    const res = await request(app).get('/geonotice.json').set('Accept-Language', 'ru').expect(200);
    const body = res.body as GeonoticeLocals;
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(body.rulesVersion).toBe(rules('shipped').version);
    expect(body.visitor).toMatchObject({ country: 'UA', region: 'UA-43', languages: ['ru'] });
    expect(body.notices).toHaveLength(1);
    const notice = body.notices[0]!;
    expect(Object.keys(notice)).toEqual(
      expect.arrayContaining(['id', 'language', 'title', 'text', 'link', 'placement', 'style']),
    );
    expect(notice).toMatchObject({ id: SHIPPED_NOTICE, language: 'ru', placement: 'body-start', style: 'danger' });
  });

  it('answers an empty list to a visitor whom nothing applies to', async () => {
    const kyiv = appWith({ endpoint: '/geonotice.json', geo: inKyiv }, () => undefined);
    const res = await request(kyiv).get('/geonotice.json').expect(200);
    expect((res.body as GeonoticeLocals).notices).toEqual([]);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('leaves other paths to the application', async () => {
    const res = await request(app).get('/').expect(200);
    expect(noticeCount(res.text)).toBe(1);
  });
});

describe('onDecision', () => {
  it('gets one anonymised record per request', async () => {
    const records: DecisionRecord[] = [];
    const app = siteTrusting('loopback', (record) => records.push(record));
    await request(app)
      .get('/news/1?page=2')
      .set('X-Forwarded-For', '31.135.112.77')
      .set('Accept-Language', 'ru-RU, en;q=0.5')
      .expect(200);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      ip: '31.135.112.0',
      country: 'UA',
      region: 'UA-43',
      languages: ['ru-ru', 'en'],
      path: '/news/1',
      notices: [SHIPPED_NOTICE],
      rulesVersion: rules('shipped').version,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      method: 'GET',
      status: 200,
      shown: [{ id: SHIPPED_NOTICE, language: 'ru', placement: 'body-start', delivered: 'body' }],
      source: { provider: 'geoip-lite', dataDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) },
      complete: true,
    });
  });

  it('cuts IPv6 addresses to /48, and says so for visitors without notices too', async () => {
    const records: DecisionRecord[] = [];
    const app = siteTrusting('loopback', (record) => records.push(record));
    await request(app).get('/').set('X-Forwarded-For', '2a04:f804:1234:5678::9').expect(200);
    await request(app).get('/').set('X-Forwarded-For', '8.8.8.8').expect(200);
    expect(records.map(({ ip, notices }) => ({ ip, notices }))).toEqual([
      { ip: '2a04:f804:1234::', notices: [SHIPPED_NOTICE] },
      { ip: '8.8.8.0', notices: [] },
    ]);
  });

  it('uses the configured clock', async () => {
    const records: DecisionRecord[] = [];
    const app = appWith(
      { now: () => new Date('2026-03-01T12:00:00Z'), onDecision: (record) => records.push(record) },
      (app) => app.get('/', (req, res) => res.send(PAGE)),
    );
    await request(app).get('/').expect(200);
    expect(records.map((record) => record.time)).toEqual(['2026-03-01T12:00:00.000Z']);
  });
});
