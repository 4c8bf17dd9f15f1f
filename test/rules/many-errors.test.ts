import { checkRules } from '../../src/rules';
import { fixture, noticeYaml, relativeProblem, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

describe('several problems at once', () => {
  it('reports every mistake of one file, in order, each with its place, schema and semantic alike', () => {
    const reported = checkRules(fixture('many-errors')).errors.map((problem) => relativeProblem(problem));
    expect(reported).toEqual([
      expect.stringMatching(/^many-errors\/rules\.yaml:2:9: "Sharing Risk" is not a valid notice id.*\(did you mean "sharing-risk"\?\)$/),
      'many-errors/rules.yaml:5:15: "priority" must be a whole number, not a number (1.5)',
      'many-errors/rules.yaml:7:17: unknown country code "XX": it is not in ISO 3166-1',
      'many-errors/rules.yaml:8:19: "en_US" is not a language tag such as en, ru or pt-BR (did you mean "en-US"?)',
      'many-errors/rules.yaml:9:12: "style" must be one of info, warning, danger, not "loud"',
      'many-errors/rules.yaml:12:5: missing required key "owner" in a notice',
      'many-errors/rules.yaml:18:5: a test visitor needs either "ip" or "country"',
    ]);
  });

  it('reports problems from every file of a set, and the schema and semantic checks of different notices together', () => {
    const dir = tempRules({
      'a.yaml': ['notices:', noticeYaml('first', '    priority: "high"')].join('\n'),
      'b.yaml': ['notices:', noticeYaml('second', '    when: { regions: [UA-99] }')].join('\n'),
    });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual([
      'a.yaml:5:15: "priority" must be a whole number, not text ("high")',
      expect.stringContaining('b.yaml:5:23: unknown subdivision code "UA-99"'),
    ]);
  });

  it('reports a misspelt required key once, as an unknown key with a suggestion', () => {
    const dir = tempRules({
      'rules.yaml': ['notices:', '  - id: x', '    description: d', '    ownr: legal@example.org', '    messages:', '      en: { text: t }'].join('\n'),
    });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual(['rules.yaml:4:5: unknown key "ownr" in a notice (did you mean "owner"?)']);
  });

  it('does not cascade: a broken region set is not also reported as unknown where it is used', () => {
    const dir = tempRules({
      'regions.yaml': 'regions:\n  occupied: UA-43\n',
      'notices.yaml': ['notices:', noticeYaml('x', '    when: { regions: [occupied] }')].join('\n'),
    });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual(['regions.yaml:2:13: "occupied" must be a list, not text ("UA-43"); write [UA-43]']);
  });

  it('does not report references into a file that failed to parse', () => {
    const dir = tempRules({
      'a.yaml': 'regions:\n  occupied: [UA-43\n',
      'b.yaml': ['notices:', noticeYaml('x', '    when: { regions: [occupied] }\n    overrides: [defined-in-a]')].join('\n'),
    });
    const check = checkRules(dir);
    expect(check.errors).toHaveLength(1);
    expect(relativeProblem(check.errors[0]!, dir)).toMatch(/^a\.yaml:\d+:\d+: YAML: /);
  });

  it('reports a schema mistake and a semantic one in the same notice together', () => {
    const dir = tempRules({ 'rules.yaml': ['notices:', noticeYaml('a', '    when: { regoins: [RU], not_regions: [UK] }')].join('\n') });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual([
      'rules.yaml:5:13: unknown key "regoins" in a "when" condition (did you mean "regions"?)',
      expect.stringContaining('rules.yaml:5:42: "UK" is not an ISO 3166-1 country code (did you mean GB'),
    ]);
  });

  it('does not report a rejected value again as a missing one', () => {
    const dir = tempRules({
      'rules.yaml': [
        'notices:',
        '  - id: a',
        '    description: d',
        '    owner: o',
        '    default_language: en_GB',
        '    messages:',
        '      en: { text: 12 }',
        '      ru: { text: t }',
        'tests:',
        '  - name: n',
        '    visitor: { country: ua, region: UA-43 }',
        '    expect: { notices: [a] }',
      ].join('\n'),
    });
    const reported = checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
    expect(reported).toEqual([
      'rules.yaml:5:23: "en_GB" is not a language tag such as en, ru or pt-BR (did you mean "en-GB"?)',
      'rules.yaml:7:19: "text" must be text, not a number (12); put it in quotes',
      expect.stringMatching(/^rules\.yaml:11:25: "ua" is not a country code/),
    ]);
  });
});
