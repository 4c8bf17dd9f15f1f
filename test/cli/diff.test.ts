import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli, runCliJson } from './run-cli';

interface DiffJson {
  changes: { region: string; language: string; added: string[]; removed: string[]; changed: string[] }[];
}

const OLD = 'test/fixtures/cli/diff-old';
const NEW = 'test/fixtures/cli/diff-new';
const AT = ['--at', '2026-01-01'];

/** The changes both fixtures give: one reworded Russian text, a notice gone from BY, a new one in DE. */
const EXPECTED_CHANGES = [
  { region: 'unknown', language: 'ru', added: [], removed: [], changed: ['sanctions-info'] },
  ...['en', 'ru', 'none'].map((language) => ({
    region: 'BY',
    language,
    added: [],
    removed: ['retired-banner'],
    changed: [],
  })),
  ...['en', 'ru', 'none'].map((language) => ({
    region: 'DE',
    language,
    added: ['eu-cookie-info'],
    removed: [],
    changed: [],
  })),
  { region: 'RU', language: 'ru', added: [], removed: [], changed: ['sanctions-info'] },
];

const EXPECTED_TABLE = [
  '| Where | Language | Appears | Disappears | Shown in another language |',
  '| --- | --- | --- | --- | --- |',
  '| BY Belarus | any |  | `retired-banner` |  |',
  '| DE Germany | any | `eu-cookie-info` |  |  |',
].join('\n');

/** The one wording edit, once, with the words that changed marked. */
const EXPECTED_WORDING = [
  '`sanctions-info` in `ru`:',
  '',
  '| | Old | New |',
  '| --- | --- | --- |',
  '| text | ~~Некоторые услуги~~ в вашем регионе ~~ограничены~~. | **Часть услуг** в вашем регионе **недоступна**. |',
].join('\n');

function changesOf(json: DiffJson): DiffJson['changes'] {
  return json.changes.map(({ region, language, added, removed, changed }) => ({
    region,
    language,
    added,
    removed,
    changed,
  }));
}

describe('geonotice diff OLD NEW', () => {
  it('prints a markdown table of what visitors see differently', () => {
    const result = runCli(['diff', OLD, NEW, ...AT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### geonotice: what visitors will see differently');
    expect(result.stdout).toContain(
      'Decided as of 2026-01-01T00:00:00.000Z, for 5 locations × 3 languages × 1 path (`/`).',
    );
    expect(result.stdout).toContain(EXPECTED_TABLE);
    expect(result.stdout).toContain(EXPECTED_WORDING);
  });

  it('gives every changed region and language as JSON', () => {
    const { code, json } = runCliJson<DiffJson>(['diff', OLD, NEW, ...AT]);
    expect(code).toBe(0);
    expect(changesOf(json)).toEqual(EXPECTED_CHANGES);
  });

  it('reads the other way round as the mirror image', () => {
    const { json } = runCliJson<DiffJson>(['diff', NEW, OLD, ...AT]);
    const mirrored = EXPECTED_CHANGES.map((change) => ({ ...change, added: change.removed, removed: change.added }));
    expect(changesOf(json)).toEqual(mirrored);
  });

  it('finds no change between a set and itself, and says so', () => {
    const result = runCli(['diff', 'rules', 'rules', '--exit-code']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No change: both sides are the same rule files');
    expect(runCliJson<DiffJson>(['diff', 'rules', 'rules']).json.changes).toEqual([]);
  });

  it('exits 1 with --exit-code only when the sets differ', () => {
    expect(runCli(['diff', OLD, NEW, '--exit-code']).code).toBe(1);
    expect(runCli(['diff', OLD, NEW]).code).toBe(0);
  });

  it('rejects bad usage with exit 2 and prints help', () => {
    expect(runCli(['diff', OLD]).code).toBe(2);
    expect(runCli(['diff', OLD, NEW, '--at', 'yesterday']).code).toBe(2);
    const help = runCli(['diff', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: geonotice diff');
  });

  it('exits 1 when either side is invalid', () => {
    expect(runCli(['diff', 'test/fixtures/rules/misspelt-key', NEW]).code).toBe(1);
  });
});

describe('geonotice diff --git REV', () => {
  let repo: string;

  function git(...args: string[]): void {
    const result = spawnSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  }

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'geonotice-diff-git-'));
    git('init', '-q');
    writeFileSync(path.join(repo, 'README.md'), 'A site without rules yet.\n');
    git('add', '.');
    git('commit', '-q', '-m', 'no rules yet');
    mkdirSync(path.join(repo, 'rules'));
    cpSync(path.join(ROOT, OLD, 'rules.yaml'), path.join(repo, 'rules/rules.yaml'));
    git('add', '.');
    git('commit', '-q', '-m', 'old rules');
    // The working tree now holds the new rules, uncommitted, as in a branch being reviewed.
    cpSync(path.join(ROOT, NEW, 'rules.yaml'), path.join(repo, 'rules/rules.yaml'));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('compares the rules with their committed state', () => {
    const { code, json } = runCliJson<DiffJson>(['diff', '--git', 'HEAD', 'rules', ...AT], { cwd: repo });
    expect(code).toBe(0);
    expect(changesOf(json)).toEqual(EXPECTED_CHANGES);
    const markdown = runCli(['diff', '--git', 'HEAD', ...AT], { cwd: repo });
    expect(markdown.stdout).toContain('Old: `rules at HEAD`');
    expect(markdown.stdout).toContain(EXPECTED_TABLE);
  });

  it('treats rules that did not exist at the revision as all new', () => {
    const { json } = runCliJson<DiffJson>(['diff', '--git', 'HEAD~1', 'rules', ...AT], { cwd: repo });
    expect(json.changes.every((change) => change.removed.length === 0 && change.changed.length === 0)).toBe(true);
    expect(json.changes.find((change) => change.region === 'DE' && change.language === 'en')?.added).toEqual([
      'eu-cookie-info',
    ]);
    expect(json.changes.find((change) => change.region === 'RU' && change.language === 'ru')?.added).toEqual([
      'sanctions-info',
    ]);
  });

  it('exits 2 for an unknown revision or a directory outside git', () => {
    const unknown = runCli(['diff', '--git', 'no-such-branch', 'rules'], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git revision "no-such-branch"');
    expect(runCli(['diff', '--git', '--upload-pack=evil', 'rules'], { cwd: repo }).code).toBe(2);
    const outside = mkdtempSync(path.join(tmpdir(), 'geonotice-no-git-'));
    try {
      mkdirSync(path.join(outside, 'rules'));
      expect(
        runCli(['diff', '--git', 'HEAD', 'rules'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: tmpdir() } }).code,
      ).toBe(2);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
