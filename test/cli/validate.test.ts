import { runCli, runCliJson } from './run-cli';

interface ValidateJson {
  ok: boolean;
  rulesVersion: string | null;
  errors: { file: string; line: number; column: number; message: string }[];
  warnings: { file: string; line: number; column: number; message: string }[];
}

describe('geonotice validate', () => {
  it('accepts the shipped rules and prints their version', () => {
    const result = runCli(['validate', 'rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rules version [0-9a-f]{16}/);
    expect(result.stdout).toContain('valid: 0 errors');
  });

  it('reads ./rules when no path is given', () => {
    expect(runCli(['validate']).stdout).toMatch(/3 files, 1 notice/);
  });

  it('prints the JSON shape other tools rely on', () => {
    const { code, json } = runCliJson<ValidateJson>(['validate', 'rules']);
    expect(code).toBe(0);
    expect(json).toEqual({ ok: true, rulesVersion: expect.stringMatching(/^[0-9a-f]{16}$/), errors: [], warnings: [] });
  });

  it('fails a misspelt key with its file, line, column and a suggestion', () => {
    const result = runCli(['validate', 'test/fixtures/rules/misspelt-key']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'test/fixtures/rules/misspelt-key/rules.yaml:6:7: error: unknown key "regoins" in a "when" condition (did you mean "regions"?)',
    );
    expect(result.stdout).toMatch(/rules version [0-9a-f]{16}/);
  });

  it('lists every error of a file with many, not only the first', () => {
    const { code, json } = runCliJson<ValidateJson>(['validate', 'test/fixtures/rules/many-errors']);
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.errors.length).toBeGreaterThan(2);
    for (const error of json.errors) {
      expect(error).toEqual({
        file: expect.stringContaining('many-errors'),
        line: expect.any(Number),
        column: expect.any(Number),
        message: expect.any(String),
      });
    }
  });

  it('passes warnings by default and fails them with --strict', () => {
    const lenient = runCliJson<ValidateJson>(['validate', 'test/fixtures/rules/warnings']);
    expect(lenient.code).toBe(0);
    expect(lenient.json.warnings.length).toBeGreaterThan(0);
    const strict = runCli(['validate', '--strict', 'test/fixtures/rules/warnings']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/: warning: /);
  });

  it('treats a bad flag as a usage error', () => {
    const result = runCli(['validate', '--stirct', 'rules']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: geonotice validate');
  });

  it('has --help', () => {
    const result = runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--strict');
  });
});
