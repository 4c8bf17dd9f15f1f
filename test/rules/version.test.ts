import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRules, loadRules, ruleSetVersion } from '../../src/rules';
import { fixture, noticeYaml, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

/** The valid fixture's files, to copy elsewhere. */
function validFiles(): Record<string, Uint8Array> {
  const names = ['regions.yaml', 'notices/sharing-risk.yaml', 'notices/general.yml'];
  return Object.fromEntries(names.map((name) => [name, fs.readFileSync(fixture('valid', name))]));
}

describe('rule set version', () => {
  it('is 16 hex characters', () => {
    expect(loadRules(fixture('valid')).version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the same for the same files in another folder', () => {
    const original = loadRules(fixture('valid')).version;
    expect(loadRules(tempRules(validFiles())).version).toBe(original);
    expect(loadRules(tempRules(validFiles())).version).toBe(original);
  });

  it('changes when one byte changes', () => {
    const files = validFiles();
    const before = loadRules(tempRules(files)).version;
    const edited = Buffer.from(files['notices/general.yml']!);
    edited[edited.indexOf('Hello.')] = 'J'.charCodeAt(0);
    expect(loadRules(tempRules({ ...files, 'notices/general.yml': edited })).version).not.toBe(before);
  });

  it('changes when a file is renamed or moved', () => {
    const files = validFiles();
    const before = loadRules(tempRules(files)).version;
    const { 'regions.yaml': regions, ...rest } = files;
    expect(loadRules(tempRules({ ...rest, 'sets/regions.yaml': regions! })).version).not.toBe(before);
  });

  it('uses the basename of a file given directly', () => {
    const dir = tempRules({ 'deep/inside/rules.yaml': `notices:\n${noticeYaml('a')}\n` });
    const other = tempRules({ 'rules.yaml': `notices:\n${noticeYaml('a')}\n` });
    expect(loadRules(path.join(dir, 'deep/inside/rules.yaml')).version).toBe(loadRules(other).version);
  });

  it('does not depend on the order the files were given in', () => {
    const dir = tempRules(validFiles());
    const names = ['regions.yaml', 'notices/sharing-risk.yaml', 'notices/general.yml'].map((name) => path.join(dir, name));
    expect(loadRules(names).version).toBe(loadRules([...names].reverse()).version);
  });

  it('is computed even when the rules have errors', () => {
    const check = checkRules(fixture('misspelt-key'));
    expect(check.errors).toHaveLength(1);
    expect(check.version).toBe(ruleSetVersion([{ versionPath: 'rules.yaml', bytes: fs.readFileSync(fixture('misspelt-key', 'rules.yaml')) }]));
  });

  it('distinguishes where one file ends and the next begins', () => {
    const a = ruleSetVersion([{ versionPath: 'a.yaml', bytes: Buffer.from('xy') }, { versionPath: 'b.yaml', bytes: Buffer.from('z') }]);
    const b = ruleSetVersion([{ versionPath: 'a.yaml', bytes: Buffer.from('x') }, { versionPath: 'b.yaml', bytes: Buffer.from('yz') }]);
    expect(a).not.toBe(b);
  });
});
