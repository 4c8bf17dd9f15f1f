/**
 * Provenance and replay: report, diff and test --json name the git commit of the rules and say
 * when the working tree differs; explain --git REV and --rules-version HASH replay a logged
 * decision against the rules in force then.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli, runInProcess, runInProcessJson } from './run-cli';

interface Provenance {
  commit: string;
  rulesCommit: { hash: string; date: string } | null;
  dirty: boolean;
  changes: string[];
}
interface ExplainJson {
  rulesVersion: string;
  replay?: { revision: string | null; commit: string | null; rulesVersion: string | null };
  notices: { id: string; applies: boolean; language: string }[];
}

let repo: string;
let rules: string;
let oldCommit: string;
let newCommit: string;
let oldVersion: string;

function git(...args: string[]): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
    { cwd: repo, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

beforeAll(async () => {
  repo = mkdtempSync(path.join(tmpdir(), 'geonotice-provenance-'));
  rules = path.join(repo, 'rules');
  git('init', '-q');
  mkdirSync(rules);
  // The old rules show the notice in Russia only; the new ones in Belarus too.
  cpSync(path.join(ROOT, 'test/fixtures/cli/diff-old/rules.yaml'), path.join(rules, 'rules.yaml'));
  git('add', '.');
  git('commit', '-q', '-m', 'old rules');
  oldCommit = git('rev-parse', 'HEAD');
  oldVersion = (await runInProcessJson<{ rulesVersion: string }>(['validate', rules])).json.rulesVersion;
  writeFileSync(
    path.join(rules, 'rules.yaml'),
    readFileSync(path.join(rules, 'rules.yaml'), 'utf8').replace('regions: [RU]', 'regions: [RU, BY]'),
  );
  git('commit', '-q', '-am', 'new rules');
  newCommit = git('rev-parse', 'HEAD');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('provenance', () => {
  it('test --json names the commit, and says when the working tree differs', async () => {
    const clean = (await runInProcessJson<{ provenance: Provenance }>(['test', rules])).json.provenance;
    expect(clean).toEqual({
      commit: newCommit,
      rulesCommit: { hash: newCommit, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      dirty: false,
      changes: [],
    });
    writeFileSync(path.join(rules, 'extra.yaml'), 'regions:\n  extra: [DE]\n');
    try {
      const dirty = (await runInProcessJson<{ provenance: Provenance }>(['test', rules])).json.provenance;
      expect(dirty).toMatchObject({ commit: newCommit, dirty: true, changes: ['?? rules/extra.yaml'] });
      const report = await runInProcess(['report', rules, '--out', path.join(repo, 'report.html')]);
      expect(report.code).toBe(0);
      expect(readFileSync(path.join(repo, 'report.html'), 'utf8')).toContain(
        `<dt>Git</dt><dd>git commit ${newCommit.slice(0, 12)} (rules last changed in ${newCommit.slice(0, 12)}`,
      );
      expect(readFileSync(path.join(repo, 'report.html'), 'utf8')).toContain(
        'the working tree differs from it: ?? rules/extra.yaml',
      );
    } finally {
      rmSync(path.join(rules, 'extra.yaml'));
    }
  });

  it("diff --git names both sides' commits", async () => {
    const { stdout } = await runInProcess(['diff', '--git', 'HEAD~1', rules, '--at', '2026-01-01']);
    expect(stdout).toContain(`Old from git commit ${oldCommit.slice(0, 12)} (HEAD~1).`);
    expect(stdout).toContain(
      `New from git commit ${newCommit.slice(0, 12)} (rules last changed in ${newCommit.slice(0, 12)}`,
    );
    expect(stdout).toContain('the working tree matches it.');
  });

  it('says so outside a repository', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'geonotice-no-git-'));
    try {
      cpSync(rules, path.join(outside, 'rules'), { recursive: true });
      const result = runCli(['test', 'rules', '--json'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect((JSON.parse(result.stdout) as { provenance: unknown }).provenance).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('replaying a logged decision', () => {
  const belarus = ['explain', '--country', 'BY', '--at', '2026-01-01'];

  it('against the rules at a git revision', async () => {
    const now = await runInProcessJson<ExplainJson>([...belarus, rules]);
    expect(now.json.notices.find((notice) => notice.id === 'sanctions-info')?.applies).toBe(true);
    const then = await runInProcessJson<ExplainJson>([...belarus, '--git', 'HEAD~1', rules]);
    expect(then.json.notices.find((notice) => notice.id === 'sanctions-info')?.applies).toBe(false);
    expect(then.json.rulesVersion).toBe(oldVersion);
    expect(then.json.replay).toEqual({ revision: 'HEAD~1', commit: oldCommit, rulesVersion: null });
  });

  it('against the rules whose version an audit record names, found in the git history', async () => {
    const { code, json } = await runInProcessJson<ExplainJson>([...belarus, '--rules-version', oldVersion, rules]);
    expect(code).toBe(0);
    expect(json.rulesVersion).toBe(oldVersion);
    expect(json.replay).toEqual({ revision: oldCommit, commit: oldCommit, rulesVersion: oldVersion });
    expect(json.notices.find((notice) => notice.id === 'sanctions-info')?.applies).toBe(false);
    const text = await runInProcess([...belarus, '--rules-version', oldVersion, rules]);
    expect(text.stdout).toContain(
      `replay:    rules version ${oldVersion}: ${rules} as committed in ${oldCommit.slice(0, 12)}`,
    );
  });

  it('refuses a version that is nowhere, or both options at once', async () => {
    const missing = await runInProcess([...belarus, '--rules-version', '0123456789abcdef', rules]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no rules with version 0123456789abcdef');
    expect((await runInProcess([...belarus, '--rules-version', 'nothex', rules])).code).toBe(2);
    expect((await runInProcess([...belarus, '--git', 'HEAD', '--rules-version', oldVersion, rules])).code).toBe(2);
  });
});
