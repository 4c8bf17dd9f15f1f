import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { geonotice, staticProvider, type GeonoticeMiddleware } from '../../../src';
import { PAGE } from '../../helpers/geonotice-app';

/** A rule file with one notice shown to everyone, so the page tells which rule set is serving. */
const ruleFile = (id: string): string => `notices:
  - id: ${id}
    description: A notice that names its rule set, for the reload tests.
    owner: test@example.org
    messages:
      en: { text: "Rules ${id}." }
`;

// The reload waits below poll with their own deadline; this only bounds a test that hangs.
jest.setTimeout(30_000);

const tempDirs: string[] = [];
const running: GeonoticeMiddleware[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((middleware) => middleware.close()));
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp directory holding `files` (path → notice id, or a symlink target given as `-> target`). */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-hot-'));
  tempDirs.push(root);
  for (const [name, content] of Object.entries(files)) write(root, name, content);
  return root;
}

function write(root: string, name: string, content: string): void {
  const target = path.join(root, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (content.startsWith('-> ')) fs.symlinkSync(content.slice(3), target);
  else fs.writeFileSync(target, ruleFile(content));
}

/** The real commands deployments use, run where the rules live. */
const sh = (root: string, command: string, ...args: string[]): void => void execFileSync(command, args, { cwd: root });

function site(rules: string) {
  const errors: Error[] = [];
  const middleware = geonotice({
    rules,
    watch: true,
    geo: staticProvider({ country: 'DE' }),
    onError: (error) => errors.push(error),
  });
  running.push(middleware);
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => res.type('html').send(PAGE));
  const shown = async (): Promise<string[]> => {
    const response = await request(app).get('/');
    return [...response.text.matchAll(/data-geonotice="([^"]+)"/g)].map((match) => match[1] ?? '');
  };
  /** Runs `change`, waits until the served rules move on, and says which notices the page shows then. */
  const shownAfterReload = async (change: () => void): Promise<string[]> => {
    const before = middleware.status().rulesVersion;
    change();
    await until(() => middleware.status().rulesVersion !== before, `the rules reload (still ${before})`);
    return shown();
  };
  return { middleware, errors, shown, shownAfterReload };
}

/** Polls until `condition` holds; a loaded machine may take a while, so the deadline is generous. */
async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('hot reload survives the ways deployments replace rules', () => {
  it('reloads a file an editor replaces by renaming a fresh copy over it', async () => {
    const root = tree({ 'rules/notices.yaml': 'first' });
    const { middleware, shown, shownAfterReload } = site(path.join(root, 'rules'));
    expect(await shown()).toEqual(['first']);
    const saved = await shownAfterReload(() => {
      write(root, 'rules/notices.yaml.tmp', 'second');
      fs.renameSync(path.join(root, 'rules/notices.yaml.tmp'), path.join(root, 'rules/notices.yaml'));
    });
    expect(saved).toEqual(['second']);
    expect(middleware.status()).toMatchObject({ watching: true, lastError: null });
  });

  it('follows a rules directory swapped with mv, and keeps reloading the new one', async () => {
    const root = tree({ 'rules/notices.yaml': 'release-1', 'rules.new/notices.yaml': 'release-2' });
    const { middleware, shownAfterReload } = site(path.join(root, 'rules'));
    const swapped = await shownAfterReload(() => {
      sh(root, 'mv', 'rules', 'rules.old');
      sh(root, 'mv', 'rules.new', 'rules');
    });
    expect(swapped).toEqual(['release-2']);
    await until(() => middleware.status().watching, 'the swapped-in directory is watched');
    // The watch moved with the name: an edit in the new directory is reloaded too.
    expect(await shownAfterReload(() => write(root, 'rules/notices.yaml', 'release-2-fixed'))).toEqual([
      'release-2-fixed',
    ]);
    expect(middleware.status()).toMatchObject({ watching: true, lastError: null });
  });

  it.each([
    ['the link itself', 'current', 'releases/1/rules', 'releases/2/rules'],
    ['a directory under the link', 'current/rules', 'releases/1', 'releases/2'],
  ])(
    'follows a symlink re-pointed with ln -sfn when the rules path is %s',
    async (_layout, rulesPath, release1, release2) => {
      const root = tree({
        'releases/1/rules/notices.yaml': 'release-1',
        'releases/2/rules/notices.yaml': 'release-2',
        current: `-> ${release1}`,
      });
      const { middleware, shown, shownAfterReload } = site(path.join(root, rulesPath));
      expect(await shown()).toEqual(['release-1']);
      expect(await shownAfterReload(() => sh(root, 'ln', '-sfn', release2, 'current'))).toEqual(['release-2']);
      expect(await shownAfterReload(() => write(root, 'releases/2/rules/notices.yaml', 'release-2-fixed'))).toEqual([
        'release-2-fixed',
      ]);
      expect(middleware.status()).toMatchObject({ watching: true, lastError: null });
    },
  );

  it('says it is not watching while the rules directory is gone, keeps serving, and recovers when it is back', async () => {
    const root = tree({ 'rules/notices.yaml': 'kept' });
    const { middleware, errors, shown, shownAfterReload } = site(path.join(root, 'rules'));
    const version = middleware.status().rulesVersion;
    sh(root, 'mv', 'rules', 'rules.gone');
    await until(() => !middleware.status().watching, 'status() stops saying watching: true');
    expect(middleware.status().lastError).toBe(
      `not watching the rules: ${path.join(root, 'rules')} is gone (moved or deleted); still serving version ${version}, and reloading when the path is back`,
    );
    expect(errors.map((error) => error.message)).toEqual([`geonotice: ${middleware.status().lastError}`]);
    expect(await shown()).toEqual(['kept']);

    expect(await shownAfterReload(() => write(root, 'rules/notices.yaml', 'back'))).toEqual(['back']);
    expect(middleware.status()).toMatchObject({ watching: true, lastError: null });
  });

  it('reports a symbolic link loop added to the rules folder as a rule error naming it, and keeps serving', async () => {
    const root = tree({ 'rules/notices.yaml': 'good' });
    const { middleware, shown } = site(path.join(root, 'rules'));
    write(root, 'rules/loop.yaml', '-> loop.yaml');
    await until(() => middleware.status().lastError !== null, 'the reload fails');
    expect(middleware.status().lastError).toContain(
      `${path.join(root, 'rules/loop.yaml')}:1:1: a symbolic link that leads back to itself (ELOOP)`,
    );
    expect(middleware.status().watching).toBe(true);
    expect(await shown()).toEqual(['good']);
    // And at start-up, a rule error naming the path rather than a raw ELOOP.
    expect(() => geonotice({ rules: path.join(root, 'rules') })).toThrow(
      `${path.join(root, 'rules/loop.yaml')}:1:1: a symbolic link that leads back to itself`,
    );
  });

  it('stops saying watching: true once closed', async () => {
    const root = tree({ 'rules/notices.yaml': 'any' });
    const { middleware } = site(path.join(root, 'rules'));
    expect(middleware.status().watching).toBe(true);
    const closing = middleware.close();
    expect(middleware.status().watching).toBe(false);
    await closing;
  });
});
