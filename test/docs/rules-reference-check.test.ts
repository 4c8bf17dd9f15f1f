import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/rules-reference.js');
const DOC = path.join(ROOT, 'docs/rules.md');

function runScript(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/rules-reference.js', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-docs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the rule-file reference in docs/rules.md up to date with the schema (--check)', () => {
    const result = runScript(['--check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails --check on a stale copy, and rewriting it makes --check pass without touching the rest', () => {
    const copy = path.join(dir, 'rules.md');
    const original = fs.readFileSync(DOC, 'utf8');
    const stale = original.replace(
      /(<!-- rules-reference:start -->)[\s\S]*(<!-- rules-reference:end -->)/,
      '$1\nold text\n$2',
    );
    fs.writeFileSync(copy, stale);

    const check = runScript(['--check', '--doc', copy]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('out of date');
    expect(fs.readFileSync(copy, 'utf8')).toBe(stale);

    expect(runScript(['--doc', copy]).code).toBe(0);
    expect(fs.readFileSync(copy, 'utf8')).toBe(original);
    expect(runScript(['--check', '--doc', copy]).code).toBe(0);
  });

  it('sees a changed schema description as a stale reference', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/geonotice.schema.json'), 'utf8')) as {
      definitions: { notice: { properties: { owner: { description: string } } } };
    };
    schema.definitions.notice.properties.owner.description = 'Someone to call at three in the morning.';
    const schemaCopy = path.join(dir, 'schema.json');
    fs.writeFileSync(schemaCopy, JSON.stringify(schema));

    const check = runScript(['--check', '--schema', schemaCopy]);
    expect(check.code).toBe(1);
  });

  it('exits 2 when the document has no markers, or a flag is unknown', () => {
    const copy = path.join(dir, 'rules.md');
    fs.writeFileSync(copy, '# a page without the markers\n');
    const missing = runScript(['--check', '--doc', copy]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('<!-- rules-reference:start -->');

    const unknown = runScript(['--chek']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--chek');
  });
});
