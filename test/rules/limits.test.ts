import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRules, MAX_RULE_FILE_BYTES } from '../../src/rules';
import { fixture, noticeYaml, relativeProblem, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

describe('limits that keep a hostile or broken file harmless', () => {
  it('stops an alias bomb with an error instead of expanding it', () => {
    // Nine levels of nine aliases would expand to 387 million strings; reaching this line is the test.
    const check = checkRules(fixture('alias-bomb'));
    expect(check.ruleSet).toBeNull();
    expect(check.errors.map((problem) => problem.message)).toEqual([expect.stringContaining('alias bomb')]);
  });

  it('still accepts small anchors and aliases', () => {
    const dir = tempRules({
      'rules.yaml': [
        'regions:',
        '  base: &occupied [UA-43, UA-40]',
        '  copy: *occupied',
        'notices:',
        noticeYaml('a', '    when: &when { regions: [copy], not_paths: ["/api/**"] }'),
        noticeYaml('b', '    when: *when'),
      ].join('\n'),
    });
    const check = checkRules(dir);
    expect(check.errors).toEqual([]);
    expect([...check.ruleSet!.byId.get('b')!.conditions[0]!.regions!.subdivisions].sort()).toEqual(['UA-40', 'UA-43']);
  });

  it('points into the anchor when aliased content is wrong', () => {
    const dir = tempRules({
      'rules.yaml': ['notices:', noticeYaml('a', '    when: &when { regoins: [RU] }'), noticeYaml('b', '    when: *when')].join('\n'),
    });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual(['rules.yaml:5:19: unknown key "regoins" in a "when" condition (did you mean "regions"?)']);
  });

  it('refuses an alias inside the value it names instead of recursing forever', () => {
    const dir = tempRules({ 'rules.yaml': 'regions: &x\n  a: [RU]\n  b: *x\n' });
    expect(checkRules(dir).errors.map((problem) => relativeProblem(problem, dir))).toEqual(['rules.yaml:3:6: alias "*x" refers to a value that contains it']);
  });

  it('refuses a file over 1 MiB without parsing it', () => {
    const filler = `# ${'x'.repeat(98)}\n`.repeat(Math.ceil(MAX_RULE_FILE_BYTES / 100) + 1);
    const dir = tempRules({ 'big.yaml': `notices: []\n${filler}`, 'ok.yaml': 'notices: []\n' });
    const check = checkRules(dir);
    expect(check.errors.map((problem) => relativeProblem(problem, dir))).toEqual([
      expect.stringMatching(/^big\.yaml:1:1: the file is \d+ bytes; a rule file may be at most 1 MiB \(1048576 bytes\)$/),
    ]);
    expect(check.version).toBeNull();
    expect(check.ruleSet).toBeNull();
  });

  it('accepts a file of exactly 1 MiB', () => {
    const head = 'notices: []\n';
    const dir = tempRules({ 'edge.yaml': head + '#'.repeat(MAX_RULE_FILE_BYTES - head.length) });
    expect(checkRules(dir).errors).toEqual([]);
  });

  it('rejects __proto__, constructor and prototype keys anywhere and never touches Object.prototype', () => {
    const dir = tempRules({
      'rules.yaml': [
        'regions:',
        '  constructor: [RU]',
        'notices:',
        noticeYaml('a', '    when: { __proto__: { polluted: true }, regions: [RU] }'),
        '    prototype: 1',
      ].join('\n'),
    });
    const check = checkRules(dir);
    expect(check.errors.map((problem) => relativeProblem(problem, dir))).toEqual([
      'rules.yaml:2:3: the key "constructor" is not allowed anywhere in a rule file',
      'rules.yaml:7:13: the key "__proto__" is not allowed anywhere in a rule file',
      'rules.yaml:10:5: the key "prototype" is not allowed anywhere in a rule file',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a second YAML document in one file', () => {
    const dir = tempRules({ 'rules.yaml': 'notices: []\n---\nnotices: []\n' });
    expect(checkRules(dir).errors.map((problem) => problem.message)).toEqual([expect.stringContaining('one YAML document')]);
  });

  it('rejects tags outside the YAML core schema', () => {
    const dir = tempRules({ 'rules.yaml': 'notices: !!js/function "return 1"\n' });
    expect(checkRules(dir).errors.map((problem) => relativeProblem(problem, dir))).toEqual([expect.stringMatching(/^rules\.yaml:1:10: /)]);
  });

  it('keeps dates, "no" and "on" as text with the YAML core schema', () => {
    const dir = tempRules({
      'rules.yaml': [
        'notices:',
        '  - id: norwegian',
        '    description: d',
        '    owner: o',
        '    review_by: 2099-01-01',
        '    when: { languages: [no] }',
        '    messages:',
        '      no: { text: Hei. }',
      ].join('\n'),
    });
    const check = checkRules(dir);
    expect(check.errors).toEqual([]);
    const notice = check.ruleSet!.byId.get('norwegian')!;
    expect(notice.reviewBy).toBe('2099-01-01');
    expect(notice.conditions[0]!.languages).toEqual(['no']);
    expect(notice.defaultLanguage).toBe('no');
  });

  it('refuses a file that is not UTF-8', () => {
    const dir = tempRules({ 'rules.yaml': Buffer.from([0x6e, 0x6f, 0x74, 0x69, 0x63, 0x65, 0x73, 0x3a, 0x20, 0xff, 0x0a]) });
    expect(checkRules(dir).errors.map((problem) => relativeProblem(problem, dir))).toEqual(['rules.yaml:1:1: the file is not valid UTF-8 text']);
  });

  it('reports a missing path and an empty directory', () => {
    const dir = tempRules({ 'notes.txt': 'not a rule file' });
    const check = checkRules([dir, `${dir}/missing.yaml`]);
    expect(check.errors.map((problem) => relativeProblem(problem, dir))).toEqual([
      ':1:1: no rule files (*.yaml, *.yml) in this directory',
      'missing.yaml:1:1: no such file or directory',
    ]);
    expect(check.version).toBeNull();
  });

  it('names a symbolic link that leads back to itself instead of throwing ELOOP', () => {
    const dir = tempRules({ 'rules.yaml': 'notices: []\n' });
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    const looping = 'a symbolic link that leads back to itself (ELOOP); remove it or point it at a rule file or directory';
    const check = checkRules(dir);
    expect(check.errors.map((problem) => relativeProblem(problem, dir))).toEqual([
      `loop-a:1:1: ${looping}`,
      `loop-b:1:1: ${looping}`,
      `self.yaml:1:1: ${looping}`,
    ]);
    expect(check.ruleSet).toBeNull();
    const given = path.join(dir, 'self.yaml');
    expect(checkRules(given).errors.map((problem) => relativeProblem(problem, dir))).toEqual([`self.yaml:1:1: ${looping}`]);
  });

  it('searches a directory linked back up the tree once, and refuses a rule file linked to nothing', () => {
    const dir = tempRules({ 'rules.yaml': 'notices: []\n' });
    fs.symlinkSync('.', path.join(dir, 'again'));
    expect(checkRules(dir).errors).toEqual([]);
    fs.symlinkSync('moved-away.yaml', path.join(dir, 'shared.yaml'));
    expect(checkRules(dir).errors.map((problem) => relativeProblem(problem, dir))).toEqual(['shared.yaml:1:1: a symbolic link to a file that does not exist']);
  });
});
