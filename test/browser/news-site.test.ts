/**
 * The example news site seen through a real browser (Debian's Chromium, driven by playwright-core):
 * what a visitor actually gets once CSP, compression and the site's own CSS have had their say.
 *
 * The example loads geonotice by package name, so `npm run build` must have run first.
 * Screenshots land in test-artifacts/browser/; docs/news-site-crimea.png is a copy of
 * news-site-crimea.png for the README (copy it again when the notice's look changes).
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { describeWithChromium, launchChromium } from './chromium';
import { isOnTopAtItsCentre, styleBesideBareAside } from './page-probes';
import { watchPage, type WatchedPage } from './page-watch';
import { contextFor, CRIMEA_IP, US_IP, VIEWPORT, type Visitor } from './visitors';

// The example is plain JavaScript that loads geonotice by its package name, as a site would.
const { createApp } = require('../../examples/news-site/server.js') as { createApp: () => import('express').Express };

const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts/browser');
const SHARING_RISK = '[data-geonotice="sharing-risk-russia"]';
const FOOTAGE_RIGHTS = '[data-geonotice="footage-rights-eea-only"]';

describeWithChromium('the news site in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  const openContexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = createApp().listen(0);
    await new Promise<void>((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 30_000);

  afterEach(async () => {
    await Promise.all(openContexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function visit(pathname: string, visitor: Visitor): Promise<WatchedPage & { response: Response }> {
    const context = await browser.newContext(contextFor(visitor));
    openContexts.push(context);
    const watched = await watchPage(context);
    const response = await watched.page.goto(origin + pathname, { waitUntil: 'load' });
    if (response === null) throw new Error(`no response for ${pathname}`);
    return { ...watched, response };
  }

  async function expectNoComplaints(watched: WatchedPage): Promise<void> {
    const { cspViolations, cspConsoleMessages, consoleErrors } = await watched.problems();
    expect({ cspViolations, cspConsoleMessages, consoleErrors }).toEqual({
      cspViolations: [],
      cspConsoleMessages: [],
      consoleErrors: [],
    });
  }

  function screenshot(page: Page, name: string): Promise<Buffer> {
    return page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  }

  describe('the front page from Crimea, in Russian', () => {
    const crimeanReader: Visitor = { ip: CRIMEA_IP, language: 'ru' };

    it('shows the warning in Russian, visible and uncovered, within the first screen', async () => {
      const { page, response } = await visit('/', crimeanReader);
      expect(response.status()).toBe(200);
      expect(response.headers().geonotice).toBe('sharing-risk-russia');

      const notice = page.locator(`aside${SHARING_RISK}`);
      expect(await notice.count()).toBe(1);
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.getAttribute('lang')).toBe('ru');

      const box = await notice.boundingBox();
      if (box === null) throw new Error('the notice has no layout box');
      expect(box.width).toBeGreaterThan(0);
      expect(box.height).toBeGreaterThan(0);
      // body-start: the whole notice sits on the screen the visitor sees before scrolling.
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORT.width);
      expect(box.y + box.height).toBeLessThanOrEqual(VIEWPORT.height);
      // ... and above the site's own masthead, which the template renders first in the body.
      const masthead = await page.locator('header.masthead').boundingBox();
      expect(masthead).not.toBeNull();
      expect(box.y + box.height).toBeLessThanOrEqual(masthead?.y ?? 0);
      expect(await isOnTopAtItsCentre(page, SHARING_RISK)).toBe(true);

      await screenshot(page, 'news-site-crimea');
    });

    it('loads with no Content-Security-Policy violation and no console error', async () => {
      const watched = await visit('/', crimeanReader);
      await expectNoComplaints(watched);
    });

    it('styles the notice with the stylesheet geonotice injected under the CSP nonce', async () => {
      const { page } = await visit('/', crimeanReader);
      const { notice, bare } = await styleBesideBareAside(page, SHARING_RISK);
      expect(notice.borderLeftStyle).toBe('solid');
      expect(parseFloat(notice.borderLeftWidth)).toBeGreaterThan(0);
      expect(parseFloat(notice.paddingTop)).toBeGreaterThan(0);
      expect(notice.backgroundColor).not.toBe(bare.backgroundColor);
      expect(bare.borderLeftStyle).toBe('none');
    });
  });

  it('shows a visitor from the United States no notice at all', async () => {
    const watched = await visit('/', { ip: US_IP, language: 'en' });
    expect(watched.response.headers().geonotice).toBeUndefined();
    expect(await watched.page.locator('[data-geonotice]').count()).toBe(0);
    expect(await watched.page.locator('.geonotice').count()).toBe(0);
    await expectNoComplaints(watched);
    await screenshot(watched.page, 'news-site-us');
  });

  describe('the video page, whose template renders placement:none notices itself', () => {
    it('shows a Crimean visitor each notice exactly once, both visible', async () => {
      const watched = await visit('/video/cup-final', { ip: CRIMEA_IP, language: 'uk' });
      const { page } = watched;
      expect(await page.locator(SHARING_RISK).count()).toBe(1);
      expect(await page.locator(FOOTAGE_RIGHTS).count()).toBe(1);
      expect(await page.locator(SHARING_RISK).isVisible()).toBe(true);
      expect(await page.locator(FOOTAGE_RIGHTS).isVisible()).toBe(true);
      expect(await page.locator(SHARING_RISK).getAttribute('lang')).toBe('uk');
      expect(await page.locator(FOOTAGE_RIGHTS).getAttribute('lang')).toBe('uk');
      await expectNoComplaints(watched);
      await screenshot(page, 'news-site-video-crimea');
    });

    it('shows a visitor from the United States only the footage notice, once', async () => {
      const watched = await visit('/video/cup-final', { ip: US_IP, language: 'en' });
      expect(await watched.page.locator(SHARING_RISK).count()).toBe(0);
      expect(await watched.page.locator(FOOTAGE_RIGHTS).count()).toBe(1);
      await expectNoComplaints(watched);
    });
  });

  it('still renders the styled notice when the page comes gzip-compressed', async () => {
    const watched = await visit('/articles/river-crossing', { ip: CRIMEA_IP, language: 'ru', acceptEncoding: 'gzip' });
    expect(watched.response.headers()['content-encoding']).toBe('gzip');
    const notice = watched.page.locator(`aside${SHARING_RISK}`);
    expect(await notice.count()).toBe(1);
    expect(await notice.isVisible()).toBe(true);
    const { notice: style } = await styleBesideBareAside(watched.page, SHARING_RISK);
    expect(style.borderLeftStyle).toBe('solid');
    await expectNoComplaints(watched);
    await screenshot(watched.page, 'news-site-article-gzip');
  });
});
