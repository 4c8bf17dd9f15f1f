import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { geonotice } from '../../../src';
import { createPreviewToken } from '../../../src/preview/token';
import { inUnitedStates, noticeCount, PAGE, SHIPPED_RULES_DIR } from '../../helpers/geonotice-app';

const SECRET = 'a-long-enough-preview-secret';
const inAnHour = Math.floor(Date.now() / 1000) + 3600;

function site(options: Parameters<typeof geonotice>[0]) {
  const middleware = geonotice(options);
  const app = express();
  app.use(middleware);
  app.get('/', (req, res) => res.set('Cache-Control', 'public, max-age=600').type('html').send(PAGE));
  return { app, middleware };
}

describe('preview', () => {
  const { app } = site({ rules: SHIPPED_RULES_DIR, geo: inUnitedStates, preview: { secret: SECRET } });

  it('shows QA the page as the token says, and keeps it out of every cache', async () => {
    const token = createPreviewToken({ country: 'UA', region: 'UA-43', lang: 'uk', exp: inAnHour }, SECRET);
    const response = await request(app).get('/').set('Geonotice-Preview', token);
    expect(noticeCount(response.text)).toBe(1);
    expect(response.text).toContain('lang="uk"');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('reads the token from the query string too', async () => {
    const token = createPreviewToken({ country: 'RU', exp: inAnHour }, SECRET);
    const response = await request(app).get(`/?geonotice_preview=${encodeURIComponent(token)}`);
    expect(noticeCount(response.text)).toBe(1);
  });

  it.each([
    ['forged', createPreviewToken({ country: 'RU', exp: inAnHour }, 'another-secret-of-enough-length')],
    ['expired', createPreviewToken({ country: 'RU', exp: Math.floor(Date.now() / 1000) - 10 }, SECRET)],
    ['garbage', 'not.a-token'],
  ])('ignores the %s token as if absent', async (_kind, token) => {
    const response = await request(app).get('/').set('Geonotice-Preview', token);
    expect(noticeCount(response.text)).toBe(0);
    expect(response.headers['cache-control']).toBe('private, max-age=600');
  });

  it('ignores a well-signed token valid for more than 7 days, which the CLI would never make', async () => {
    const now = Math.floor(Date.now() / 1000);
    const week = createPreviewToken({ country: 'RU', exp: now + 7 * 86_400 - 60 }, SECRET);
    expect(noticeCount((await request(app).get('/').set('Geonotice-Preview', week)).text)).toBe(1);
    const longer = createPreviewToken({ country: 'RU', exp: now + 8 * 86_400 }, SECRET);
    const response = await request(app).get('/').set('Geonotice-Preview', longer);
    expect(noticeCount(response.text)).toBe(0);
    expect(response.headers['cache-control']).toBe('private, max-age=600');
  });

  it('is ignored entirely when the option is off', async () => {
    const { app: plain } = site({ rules: SHIPPED_RULES_DIR, geo: inUnitedStates });
    const token = createPreviewToken({ country: 'RU', exp: inAnHour }, SECRET);
    expect(noticeCount((await request(plain).get('/').set('Geonotice-Preview', token)).text)).toBe(0);
  });

  it('refuses a short secret at start-up', () => {
    expect(() => geonotice({ rules: SHIPPED_RULES_DIR, preview: { secret: 'short' } })).toThrow(
      /at least 16 characters/,
    );
  });
});

describe('audit', () => {
  it('writes one JSON line per request with the anonymised address', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-audit-')), 'audit.jsonl');
    const { app, middleware } = site({ rules: SHIPPED_RULES_DIR, geo: inUnitedStates, audit: file });
    await request(app).get('/');
    await request(app).get('/');
    await middleware.close();
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // A start line, one record per request, an end line.
    expect(lines).toHaveLength(4);
    const records = lines.filter((line) => 'id' in line);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ country: 'US', path: '/', notices: [], ip: expect.stringMatching(/\.0$|::$/) });
    expect(middleware.status().auditDropped).toBe(0);
  });
});

describe('watch and status', () => {
  it('serves a changed rule file after reload, keeps the last good set when it breaks, and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-watch-'));
    fs.cpSync(SHIPPED_RULES_DIR, dir, { recursive: true });
    const errors: Error[] = [];
    const { app, middleware } = site({
      rules: dir,
      geo: inUnitedStates,
      watch: true,
      onError: (error) => errors.push(error),
    });
    const waitFor = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 150 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      const first = middleware.status().rulesVersion;
      expect(noticeCount((await request(app).get('/')).text)).toBe(0);

      // Extend the notice to the United States.
      const file = path.join(dir, 'sharing-risk.yaml');
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, 'utf8')
          .replace('regions: [RU, russia-occupied-ukraine]', 'regions: [RU, US, russia-occupied-ukraine]'),
      );
      await waitFor(() => middleware.status().rulesVersion !== first);
      expect(noticeCount((await request(app).get('/')).text)).toBe(1);

      // A broken edit: the extended set keeps serving, and status() says why.
      const good = middleware.status().rulesVersion;
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('owner:', 'ownr:'));
      await waitFor(() => middleware.status().lastError !== null);
      expect(middleware.status()).toMatchObject({
        rulesVersion: good,
        lastError: expect.stringContaining('ownr'),
        watching: true,
      });
      expect(noticeCount((await request(app).get('/')).text)).toBe(1);
      expect(errors.some((error) => (error as { code?: string }).code === 'GEONOTICE_RULES')).toBe(true);
    } finally {
      await middleware.close();
    }
  });
});
