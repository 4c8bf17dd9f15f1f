/** Where the browser tests find Chromium, and how they start it. */
import { chromium, type Browser } from 'playwright-core';
import { describeWith } from '../helpers/system-part';

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

/** `describe` when Chromium is installed; see `describeWith`. */
export function describeWithChromium(name: string, suite: () => void): void {
  describeWith({ name: 'Chromium', path: CHROMIUM_PATH, debianPackage: 'chromium' }, name, suite);
}
