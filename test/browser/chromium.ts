/**
 * Where the browser tests find Chromium, how they start it, and what happens when it is absent:
 * CI must have it (.ci/run installs Debian's package), a developer's machine may not.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package; playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Containers run as root without a user namespace, hence --no-sandbox; the rest keep Chromium
// from phoning home or doing background work that would only slow a test run down.
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
}

function runningInCi(env: NodeJS.ProcessEnv): boolean {
  const flag = env.CI?.trim().toLowerCase();
  return flag !== undefined && flag !== '' && flag !== 'false' && flag !== '0';
}

/**
 * `describe` when Chromium is installed. Without it: in CI, one failing test that says how to
 * install it (a skipped browser suite must never look like a passing one); elsewhere, the suite
 * is skipped with a message saying why.
 */
export function describeWithChromium(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, suite);
    return;
  }
  const missing = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  if (runningInCi(process.env)) {
    describe(name, () => {
      it('has Chromium to drive', () => {
        throw new Error(`${missing}; CI must install it before the tests run, see .ci/run`);
      });
    });
    return;
  }
  process.stderr.write(`\nbrowser tests skipped: ${missing}\n`);
  describe.skip(`${name} (skipped: ${missing})`, suite);
}
