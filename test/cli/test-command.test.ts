import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runCliJson, runInProcess, runInProcessJson } from './run-cli';

interface TestJson {
  passed: number;
  failed: number;
  rulesVersion: string;
  cases: {
    name: string;
    file: string;
    ok: boolean;
    expected: { notices: string[]; language?: string };
    actual: { notices: string[]; language: string | null; languages: string[] } | null;
    problems: string[];
  }[];
  coverage: {
    percent: number;
    threshold: number | null;
    ok: boolean;
    notices: { covered: number; total: number; uncovered: string[] };
    conditions: {
      covered: number;
      total: number;
      uncovered: { notice: string; condition: number | null; file: string; line: number }[];
    };
    units: {
      covered: number;
      total: number;
      uncovered: { kind: string; notice: string; entry: string | null; label: string; file: string; line: number }[];
    };
    byKind: Record<string, { covered: number; total: number }>;
  };
}

const FAILING = 'test/fixtures/cli/failing-test';
const COVERAGE = 'test/fixtures/cli/coverage';
const FINE = 'test/fixtures/cli/coverage-fine';

function lastLine(text: string): string {
  return text.trimEnd().split('\n').pop() ?? '';
}

describe('geonotice test', () => {
  it('passes every case of the shipped rules and ends with the count', () => {
    const result = runCli(['test', 'rules']);
    expect(result.code).toBe(0);
    expect(lastLine(result.stdout)).toBe('34 passed, 0 failed');
    expect(result.stdout).toMatch(
      /^coverage: 100% of 30 units \(30 reached: 2\/2 when branches, 7\/7 regions entries, 1\/1 unknown locations, 17\/17 network entries, 3\/3 message languages\), 1\/1 notices$/m,
    );
  });

  it('reports the same cases as JSON', () => {
    const { code, json } = runCliJson<TestJson>(['test']);
    expect(code).toBe(0);
    expect(json.passed).toBe(34);
    expect(json.failed).toBe(0);
    expect(json.cases).toHaveLength(34);
    const crimea = json.cases.find(
      (testCase) => testCase.name === 'a Ukrainian speaker in Crimea gets the Ukrainian text',
    );
    expect(crimea).toMatchObject({
      ok: true,
      file: 'rules/sharing-risk.yaml',
      expected: { notices: ['sharing-risk-russia'], language: 'uk' },
      actual: { notices: ['sharing-risk-russia'], language: 'uk', languages: ['uk'] },
    });
  });

  it('fails a wrong case, showing expected against actual and the reasons', () => {
    const result = runCli(['test', FAILING]);
    expect(result.code).toBe(1);
    expect(lastLine(result.stdout)).toBe('1 passed, 2 failed');
    expect(result.stdout).toContain(
      `FAIL  a reader in Moscow who reads English is expected to get Russian (wrong on purpose) — ${FAILING}/rules.yaml:16:5`,
    );
    expect(result.stdout).toContain('expected: sharing-risk in ru');
    expect(result.stdout).toContain('actual:   sharing-risk in en');
    expect(result.stdout).toContain('notice "sharing-risk" is shown in en, not ru');
    // The reasons come from explain: the condition that failed for the Kazakhstan case.
    expect(result.stdout).toContain('actual:   no notice');
    expect(result.stdout).toContain('country KZ is not in regions [RU]');
    expect(result.stdout).toMatch(/^ok {4}a reader in Moscow sees the warning in Russian$/m);
  });

  it('gives failures in JSON with expected and actual', () => {
    const { code, json } = runCliJson<TestJson>(['test', FAILING]);
    expect(code).toBe(1);
    expect({ passed: json.passed, failed: json.failed }).toEqual({ passed: 1, failed: 2 });
    const kazakhstan = json.cases[2];
    expect(kazakhstan).toMatchObject({
      ok: false,
      expected: { notices: ['sharing-risk'] },
      actual: { notices: [], language: null },
    });
  });

  it('lists what no passing case exercises and measures coverage', async () => {
    const { code, json } = await runInProcessJson<TestJson>(['test', COVERAGE]);
    expect(code).toBe(0);
    expect(json.coverage.conditions).toMatchObject({ covered: 1, total: 3 });
    expect(json.coverage.notices.uncovered).toEqual(['site-wide-banner']);
    expect(json.coverage.conditions.uncovered.map(({ notice, condition }) => [notice, condition])).toEqual([
      ['regional-warning', 2],
      ['site-wide-banner', 1],
    ]);
    expect(json.coverage.units).toMatchObject({ covered: 3, total: 9 });
    expect(json.coverage.percent).toBeCloseTo(100 / 3);
    const text = (await runInProcess(['test', COVERAGE])).stdout;
    expect(text).toContain('coverage: 33.3% of 9 units');
    expect(text).toContain('notices no passing case shows: site-wide-banner');
    expect(text).toContain(`not exercised: ${COVERAGE}/rules.yaml:9:9 notice "regional-warning", condition 2`);
  });

  it('counts each region of a set, each language, the unknown location and each exclusion, with file:line', async () => {
    const { json } = await runInProcessJson<TestJson>(['test', FINE]);
    // One Moscow case: the branch, RU, the Russian wording and the override; nothing else.
    expect(json.coverage.byKind).toEqual({
      branch: { covered: 1, total: 2 },
      regions: { covered: 1, total: 3 },
      unknown_location: { covered: 0, total: 1 },
      not_paths: { covered: 0, total: 1 },
      message: { covered: 1, total: 4 },
      overrides: { covered: 1, total: 1 },
    });
    expect(
      json.coverage.units.uncovered.map(({ kind, notice, entry }) => `${notice} ${kind} ${entry ?? ''}`.trim()),
    ).toEqual([
      'sharing-risk regions UA-43',
      'sharing-risk regions UA-65',
      'sharing-risk not_paths /api/**',
      'sharing-risk unknown_location',
      'sharing-risk message en',
      'sharing-risk message uk',
      'general-info branch',
      'general-info message en',
    ]);
    const text = (await runInProcess(['test', FINE])).stdout;
    expect(text).toContain('coverage: 33.3% of 12 units');
    expect(text).toMatch(
      /not exercised: test\/fixtures\/cli\/coverage-fine\/rules\.yaml:11:7 notice "sharing-risk", condition 1, regions entry UA-65 \S.* \(in occupied\)/,
    );
    expect(text).toContain(`not exercised: ${FINE}/rules.yaml:6:5 notice "sharing-risk", message in uk`);
  });

  it('reaches exclusions, other regions and the unknown location with cases that expect no notice', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'geonotice-coverage-'));
    try {
      const rules =
        readFileSync(path.join(FINE, 'rules.yaml'), 'utf8') +
        `  - name: the API is excluded
    visitor: { country: RU, path: /api/v1 }
    expect: { notices: [general-info] }
  - name: Crimea in Ukrainian
    visitor: { country: UA, region: UA-43, accept_language: uk }
    expect: { notices: [sharing-risk], language: uk }
  - name: unknown location in English
    visitor: { ip: 10.1.2.3 }
    expect: { notices: [sharing-risk], language: en }
`;
      writeFileSync(path.join(dir, 'rules.yaml'), rules);
      const { json } = await runInProcessJson<TestJson>(['test', dir]);
      expect(json.coverage.units.uncovered.map(({ kind, entry }) => `${kind} ${entry ?? ''}`.trim())).toEqual([
        'regions UA-65',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails below the coverage threshold and passes at or above it', () => {
    const below = runCli(['test', COVERAGE, '--coverage-threshold', '50']);
    expect(below.code).toBe(1);
    expect(below.stdout).toContain('coverage is below the threshold of 50%');
    expect(lastLine(below.stdout)).toBe('2 passed, 0 failed');
    const above = runCli(['test', COVERAGE, '--coverage-threshold', '33']);
    expect(above.code).toBe(0);
    expect(runCli(['test', '--coverage-threshold', '100']).code).toBe(0);
  });

  it('exits 1 for invalid rules, like validate', () => {
    const result = runCli(['test', 'test/fixtures/rules/misspelt-key']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown key "regoins"');
  });

  it('prints help and rejects bad usage with exit 2', () => {
    const help = runCli(['test', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: geonotice test');
    expect(runCli(['test', '--coverage-threshold', 'lots']).code).toBe(2);
    expect(runCli(['test', '--coverage-threshold', '101']).code).toBe(2);
    const unknown = runCli(['test', '--verbose']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: geonotice test');
  });
});
