/**
 * The watcher the browser tests rely on must itself be able to fail: a page that breaks its own
 * CSP and loads a missing image is reported, and only a missing favicon is let through.
 */
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium } from './chromium';
import { isMissingFavicon, watchPage } from './page-watch';

// Served entirely by route interception: no server, no network.
const ORIGIN = 'http://watch-probe.test';
const BROKEN_PAGE = `<!doctype html><html><head><style>body { color: red }</style></head>
<body><p>probe</p><img src="/missing.png" alt=""></body></html>`;

describeWithChromium('watchPage', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('reports an inline style the CSP refuses and a failed load', async () => {
    const context = await browser.newContext();
    try {
      await context.route(`${ORIGIN}/**`, (route) => {
        const { pathname } = new URL(route.request().url());
        if (pathname === '/') {
          return route.fulfill({
            contentType: 'text/html; charset=utf-8',
            headers: { 'Content-Security-Policy': "style-src 'self'; img-src 'self'" },
            body: BROKEN_PAGE,
          });
        }
        return route.fulfill({ status: 404, body: 'not here' });
      });
      const watched = await watchPage(context);
      await watched.page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
      const problems = await watched.problems();

      expect(problems.cspViolations).toEqual([
        expect.objectContaining({ directive: 'style-src-elem', blockedUri: 'inline' }),
      ]);
      expect(problems.cspConsoleMessages).toEqual([expect.stringContaining("directive 'style-src 'self''")]);
      expect(problems.consoleErrors).toEqual(
        expect.arrayContaining([expect.stringContaining(`${ORIGIN}/missing.png`)]),
      );
    } finally {
      await context.close();
    }
  });
});

// Chromium's own favicon request is made after the page and outside route interception, so the
// exemption is checked on the message itself.
describe('isMissingFavicon', () => {
  const notFound = 'Failed to load resource: the server responded with a status of 404 (Not Found)';

  it('lets through a 404 for /favicon.ico', () => {
    expect(isMissingFavicon(notFound, 'http://127.0.0.1:4000/favicon.ico')).toBe(true);
  });

  it('counts a 404 anywhere else, and any other failure of the favicon', () => {
    expect(isMissingFavicon(notFound, 'http://127.0.0.1:4000/site.css')).toBe(false);
    expect(isMissingFavicon(notFound, 'http://127.0.0.1:4000/images/favicon.ico')).toBe(false);
    expect(
      isMissingFavicon(
        'Failed to load resource: the server responded with a status of 500 (Internal Server Error)',
        'http://127.0.0.1:4000/favicon.ico',
      ),
    ).toBe(false);
    expect(isMissingFavicon(notFound, '')).toBe(false);
  });
});
