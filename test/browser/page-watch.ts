/**
 * Records what a page complains about while it loads: Content-Security-Policy violations (from
 * the DOM event and from the console, since Chromium reports them in both places), console
 * errors and uncaught exceptions.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface CspViolation {
  directive: string;
  blockedUri: string;
  sample: string;
}

export interface PageProblems {
  cspViolations: CspViolation[];
  cspConsoleMessages: string[];
  consoleErrors: string[];
  /** Console errors let through on purpose (see isMissingFavicon), kept so a test can see the exemption work. */
  toleratedErrors: string[];
}

export interface WatchedPage {
  page: Page;
  /** Everything reported so far; call it after the page has loaded. */
  problems(): Promise<PageProblems>;
}

const VIOLATIONS_KEY = '__geonoticeCspViolations';

// Runs in the page before any of its own markup, so a violation during parsing is not missed.
// Playwright injects init scripts outside the page's CSP, so the page's script-src does not block it.
const COLLECT_VIOLATIONS = `
  window.${VIOLATIONS_KEY} = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.${VIOLATIONS_KEY}.push({
      directive: event.violatedDirective,
      blockedUri: event.blockedURI,
      sample: event.sample,
    });
  }, true);
`;

// The example site has no favicon, so Chromium's automatic /favicon.ico request ends in a 404 that
// it logs as a console error. That is the site's gap, not the notice's: it is the only error let
// through, matched by its exact URL so that any other failed load still counts.
export function isMissingFavicon(text: string, sourceUrl: string): boolean {
  if (!URL.canParse(sourceUrl)) return false;
  return new URL(sourceUrl).pathname === '/favicon.ico' && /\b404\b/.test(text);
}

export async function watchPage(context: BrowserContext): Promise<WatchedPage> {
  await context.addInitScript(COLLECT_VIOLATIONS);
  const page = await context.newPage();
  const cspConsoleMessages: string[] = [];
  const consoleErrors: string[] = [];
  const toleratedErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspConsoleMessages.push(message.text());
    if (message.type() !== 'error') return;
    const described = `${message.text()} (${message.location().url})`;
    (isMissingFavicon(message.text(), message.location().url) ? toleratedErrors : consoleErrors).push(described);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  return {
    page,
    async problems() {
      // Violation events are queued as tasks; one round trip through the page lets them land.
      await page.evaluate('new Promise((resolve) => setTimeout(resolve, 0))');
      const cspViolations = await page.evaluate<CspViolation[]>(`window.${VIOLATIONS_KEY} ?? []`);
      return {
        cspViolations,
        cspConsoleMessages: [...cspConsoleMessages],
        consoleErrors: [...consoleErrors],
        toleratedErrors: [...toleratedErrors],
      };
    },
  };
}
