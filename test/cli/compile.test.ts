import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decide, loadCompiledRules, loadRules } from '../../src';
import { runCli, runInProcess, runInProcessJson } from './run-cli';

interface CompileJson {
  ok: boolean;
  rulesVersion: string | null;
  out: string;
  bytes: number | null;
  errors: { file: string; line: number; column: number; message: string }[];
  warnings: { file: string; line: number; column: number; message: string }[];
}

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'geonotice-compile-test-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const outFile = (name: string): string => path.join(directory, name);

describe('geonotice compile', () => {
  it('writes the shipped rules as JSON with the version validate prints', async () => {
    const out = outFile('shipped.json');
    const validate = await runInProcessJson<{ rulesVersion: string }>(['validate', 'rules']);
    const result = await runInProcess(['compile', 'rules', '--out', out]);
    expect(result.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(result.stdout).toBe(
      `wrote ${out}: rules version ${validate.json.rulesVersion}, 1 notice, ${Buffer.byteLength(text) - 1} bytes\n`,
    );
    expect(result.stderr).toBe('');
    const compiled = JSON.parse(text) as { rulesVersion: string; format: string; formatVersion: number };
    expect(compiled).toMatchObject({
      format: 'geonotice-compiled-rules',
      formatVersion: 1,
      rulesVersion: validate.json.rulesVersion,
    });
    const ruleSet = loadCompiledRules(text);
    expect(ruleSet.version).toBe(loadRules('rules').version);
    expect(
      decide(ruleSet, { country: 'UA', region: 'UA-43', languages: ['uk'], path: '/' }).map((notice) => notice.id),
    ).toEqual(['sharing-risk-russia']);
  });

  it('reads ./rules when no path is given, and prints { ok, rulesVersion, out, bytes } with --json', async () => {
    const out = outFile('default.json');
    const { code, json } = await runInProcessJson<CompileJson>(['compile', '--out', out]);
    expect(code).toBe(0);
    expect(json).toEqual({
      ok: true,
      rulesVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
      out,
      bytes: readFileSync(out).length - 1,
      errors: [],
      warnings: [],
    });
  });

  it('writes to standard output with --out -', async () => {
    const result = await runInProcess(['compile', 'test/fixtures/compiled/everything', '--out', '-']);
    expect(result.code).toBe(0);
    const ruleSet = loadCompiledRules(result.stdout);
    expect(ruleSet.notices.map((notice) => notice.id)).toEqual([
      'occupied-warning',
      'eu-notice',
      'future-or-kyiv',
      'everywhere',
    ]);
    // The warnings go to standard error, out of the JSON's way.
    expect(result.stderr).toContain('notices.yaml:63:5: warning: notice "future-or-kyiv" has no message in pt-br');
  });

  it('lists every problem of invalid rules as validate does, exits 1 and writes nothing', async () => {
    const out = outFile('invalid.json');
    const validate = await runInProcess(['validate', 'test/fixtures/rules/many-errors']);
    const errorLines = validate.stdout.split('\n').filter((line) => line.includes(': error: '));
    expect(errorLines.length).toBeGreaterThan(3);
    const result = await runInProcess(['compile', 'test/fixtures/rules/many-errors', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter((line) => line.includes(': error: '))).toEqual(errorLines);
    expect(result.stderr).toContain(`not written: ${errorLines.length} errors`);
    expect(existsSync(out)).toBe(false);

    const { code, json } = await runInProcessJson<CompileJson>([
      'compile',
      'test/fixtures/rules/many-errors',
      '--out',
      out,
    ]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, out, bytes: null });
    expect(json.errors).toHaveLength(errorLines.length);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves an earlier file in place when the rules turn invalid', async () => {
    const out = outFile('kept.json');
    writeFileSync(out, 'the last good rules');
    expect((await runInProcess(['compile', 'test/fixtures/rules/misspelt-key', '--out', out])).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('the last good rules');
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails on warnings with --strict, and writes nothing', async () => {
    const out = outFile('strict.json');
    const result = await runInProcess(['compile', 'test/fixtures/compiled/everything', '--strict', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not written: 2 warnings (--strict: warnings fail)');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['compile', 'rules'], 'say where to write the compiled rules: --out rules.json'],
    [['compile', '--out', '-', '--json'], '--json prints a summary to standard output, so it cannot go with --out -'],
    [['compile', '--out', 'x.json', '--pretty'], "Unknown option '--pretty'"],
  ])('reports a usage error for %j with exit code 2', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: geonotice compile --out FILE');
  });

  it('answers --help, and is listed in the main help', async () => {
    const help = await runInProcess(['compile', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: geonotice compile --out FILE [options] [RULES...]');
    expect((await runInProcess(['--help'])).stdout).toMatch(
      /^ {2}compile +write the rules as one JSON file for edge runtimes$/m,
    );
  });

  it('runs as the built binary', () => {
    const out = outFile('binary.json');
    const result = runCli(['compile', 'rules', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as CompileJson;
    expect(json).toMatchObject({ ok: true, out, bytes: readFileSync(out).length - 1 });
    expect(loadCompiledRules(readFileSync(out, 'utf8')).version).toBe(json.rulesVersion);
  });
});
