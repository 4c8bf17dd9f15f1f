/**
 * The reload's worker thread exists only in the build (a worker runs compiled JavaScript), so
 * these tests load `dist`, which `npm test` builds first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import type * as Api from '../../../src';
import type * as OffThread from '../../../src/rules/reload-off-thread';
import { ROOT, SHIPPED_RULES_DIR } from '../../helpers/geonotice-app';
import { fixture } from '../../rules/helpers';

// The built package, loaded as its users load it.
const built = require(path.join(ROOT, 'dist')) as typeof Api;
const { checkForReloadOffThread } = require(path.join(ROOT, 'dist/rules/reload-off-thread')) as typeof OffThread;

const visitors: Api.Visitor[] = [
  { country: 'UA', region: 'UA-43', languages: ['ru'], path: '/news/1' },
  { country: 'UA', region: 'UA-30', languages: ['uk'], path: '/' },
  { country: 'RU', region: null, languages: ['en'], path: '/api/x' },
  { country: 'DE', region: null, languages: [], path: '/' },
  { country: null, region: null, languages: ['ru'], path: '/news/2' },
  // Placed elsewhere by geo data, on the networks the shipped rules name.
  { country: 'CZ', region: null, languages: ['ru'], path: '/', address: '77.83.16.37' },
  { country: 'UA', region: null, languages: ['uk'], path: '/', address: '2a0d:2180::25' },
  { country: 'DE', region: null, languages: [], path: '/', asn: 201776 },
];

/**
 * Everything in a rule set but its functions, Sets and Maps spelled out. Sets are recognised by
 * tag: those the thread message made come from outside the test's realm.
 */
const asJson = (ruleSet: Api.RuleSet): string =>
  JSON.stringify(ruleSet, (_key, value: unknown) => {
    const tag = Object.prototype.toString.call(value);
    return tag === '[object Set]' || tag === '[object Map]' ? [...(value as Iterable<unknown>)] : value;
  });

describe('reloading in a worker thread', () => {
  it.each([
    ['the shipped rules', SHIPPED_RULES_DIR],
    ['a multi-file set with globs, region sets and tests', fixture('valid')],
  ])('hands back %s exactly as a load on the main thread makes them', async (_name, dir) => {
    const check = await checkForReloadOffThread([dir]);
    expect(check.thread).toBe('worker');
    expect(check.problems).toEqual([]);
    const local = built.loadRules(dir);
    const ruleSet = check.ruleSet!;
    expect(ruleSet.version).toBe(local.version);
    expect(asJson(ruleSet)).toBe(asJson(local));
    const at = new Date('2026-06-01T00:00:00Z');
    for (const visitor of visitors) {
      expect({ visitor, decided: built.decide(ruleSet, visitor, at) }).toEqual({
        visitor,
        decided: built.decide(local, visitor, at),
      });
      expect(built.explain(ruleSet, visitor, at)).toEqual(built.explain(local, visitor, at));
    }
  });

  it('matches with a long path list, compiled glob by glob on the main thread, as the list does whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-worker-'));
    try {
      const globs = Array.from({ length: 600 }, (_, i) => `"/archive/${i}/**"`).join(', ');
      const notice = `notices:\n  - id: archive\n    description: d\n    owner: o@example.org\n    when: { paths: [${globs}] }\n    messages:\n      en: { text: Archive. }\n`;
      fs.writeFileSync(path.join(dir, 'rules.yaml'), notice);
      const { ruleSet, thread } = await checkForReloadOffThread([dir]);
      expect(thread).toBe('worker');
      const local = built.loadRules(dir);
      const shown = (set: Api.RuleSet, at: string): string[] =>
        built.decide(set, { country: 'DE', region: null, languages: [], path: at }).map((decided) => decided.id);
      for (const [at, expected] of [
        ['/archive/0/a', ['archive']],
        ['/archive/599/a', ['archive']],
        ['/ARCHIVE/599/a', ['archive']],
        ['/archive/600/a', []],
        ['/news/1', []],
      ] as const) {
        expect({ at, shown: shown(ruleSet!, at) }).toEqual({ at, shown: expected });
        expect(shown(local, at)).toEqual(expected);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the same located problems as a load on the main thread', async () => {
    const dir = fixture('many-errors');
    const check = await checkForReloadOffThread([dir]);
    expect(check.thread).toBe('worker');
    expect(check.ruleSet).toBeNull();
    expect(check.problems).toEqual(built.checkRules(dir).errors);
    expect(check.problems.length).toBeGreaterThan(3);
  });

  it('serves the reloaded rules through the built middleware', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-worker-'));
    const file = (id: string): string =>
      `notices:\n  - id: ${id}\n    description: d\n    owner: o@example.org\n    when: { paths: ["/news/**"] }\n    messages:\n      en: { text: "${id}" }\n`;
    fs.writeFileSync(path.join(dir, 'rules.yaml'), file('before'));
    const middleware = built.geonotice({ rules: dir, watch: true, geo: built.staticProvider({ country: 'DE' }) });
    try {
      const app = express();
      app.use(middleware);
      app.get('/news/1', (_req, res) => res.type('html').send('<!doctype html><body><p>Story.</p></body>'));
      const version = middleware.status().rulesVersion;
      fs.writeFileSync(path.join(dir, 'rules.yaml'), file('after'));
      const deadline = Date.now() + 15_000;
      while (middleware.status().rulesVersion === version && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(middleware.status()).toMatchObject({ watching: true, lastError: null });
      const response = await request(app).get('/news/1');
      expect(response.text).toContain('data-geonotice="after"');
    } finally {
      await middleware.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
