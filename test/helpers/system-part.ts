/**
 * Tests that drive a real program from Debian's packages (Chromium, Varnish): CI must have it
 * (.ci/run installs it), a developer's machine may not.
 */
import { existsSync } from 'node:fs';

export interface SystemPart {
  /** What it is, for messages: "Chromium". */
  name: string;
  /** The executable the tests run. */
  path: string;
  /** The Debian package that provides it. */
  debianPackage: string;
}

function runningInCi(env: NodeJS.ProcessEnv): boolean {
  const flag = env.CI?.trim().toLowerCase();
  return flag !== undefined && flag !== '' && flag !== 'false' && flag !== '0';
}

/**
 * `describe` when the program is installed. Without it: in CI, one failing test that says how to
 * install it (a skipped suite must never look like a passing one); elsewhere, the suite is
 * skipped with a message saying why.
 */
export function describeWith(part: SystemPart, name: string, suite: () => void): void {
  if (existsSync(part.path)) {
    describe(name, suite);
    return;
  }
  const missing = `${part.name} is not installed at ${part.path} (apt-get install -y ${part.debianPackage})`;
  if (runningInCi(process.env)) {
    describe(name, () => {
      it(`has ${part.name} to drive`, () => {
        throw new Error(`${missing}; CI must install it before the tests run, see .ci/run`);
      });
    });
    return;
  }
  process.stderr.write(`\n${name}: skipped, ${missing}\n`);
  describe.skip(`${name} (skipped: ${missing})`, suite);
}
