import { checkRules } from '../../src/rules';
import { fixture, noticeYaml, relativeProblem, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

const NOW = new Date('2026-01-01T00:00:00Z');

describe('warnings from checkRules', () => {
  const check = checkRules(fixture('warnings'), { now: NOW });
  const warnings = check.warnings.map((problem) => relativeProblem(problem));

  it('loads the rule set: warnings do not fail it', () => {
    expect(check.errors).toEqual([]);
    expect(check.ruleSet).not.toBeNull();
  });

  it('warns about each problem, located', () => {
    expect(warnings).toEqual([
      'warnings/rules.yaml:6:16: notice "overdue-review" was due for review on 2025-06-30',
      'warnings/rules.yaml:14:5: notice "english-only" has no message in ru, which other notices have',
      'warnings/rules.yaml:19:40: notice "expired" can never apply again: its active window ended on 2021-01-01',
      'warnings/rules.yaml:27:5: notice "excluded-everywhere" can never apply: every region in "regions" is also excluded by "not_regions" (and unknown locations are skipped)',
      'warnings/rules.yaml:39:7: a condition of notice "unknown-only" holds only for visitors whose location is unknown: every region in "regions" is also excluded by "not_regions"',
      'warnings/rules.yaml:53:9: notice "hidden" can never apply: "blanket" overrides it and applies to every visitor',
    ]);
  });

  it('judges dates against the given now', () => {
    const earlier = checkRules(fixture('warnings'), { now: new Date('2020-06-01T00:00:00Z') });
    const messages = earlier.warnings.map((problem) => problem.message).join('\n');
    expect(messages).not.toContain('due for review');
    expect(messages).not.toContain('can never apply again');
  });

  it('does not warn when the overriding notice can be overridden itself or is limited in time', () => {
    const dir = tempRules({
      'rules.yaml': [
        'notices:',
        noticeYaml('top', '    overrides: [middle]'),
        noticeYaml('middle', '    overrides: [bottom]'),
        noticeYaml('bottom', '    when: { regions: [RU] }'),
        noticeYaml('timed', '    active: { until: 2030-01-01 }\n    overrides: [other]'),
        noticeYaml('other', '    when: { regions: [RU] }'),
      ].join('\n'),
    });
    const result = checkRules(dir, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((problem) => relativeProblem(problem, dir))).toEqual([
      'rules.yaml:8:9: notice "middle" can never apply: "top" overrides it and applies to every visitor',
    ]);
  });

  it('warns about languages excluded again, and a not_paths that excludes every path', () => {
    const dir = tempRules({
      'rules.yaml': [
        'notices:',
        noticeYaml('languages', '    when: { languages: [ru-RU, ru-BY], not_languages: [ru] }'),
        noticeYaml('paths', '    when:\n      - { not_paths: ["/**"] }\n      - { paths: ["/a/**"], not_paths: ["/a/**"] }'),
        noticeYaml('fine', '    when: { languages: [ru], not_languages: [ru-RU] }'),
      ].join('\n'),
    });
    const result = checkRules(dir, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((problem) => relativeProblem(problem, dir))).toEqual([
      'rules.yaml:5:5: notice "languages" can never apply: every language in "languages" is also excluded by "not_languages"',
      'rules.yaml:11:5: notice "paths" can never apply: none of its conditions can hold',
    ]);
  });
});
