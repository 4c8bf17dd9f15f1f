import * as fs from 'node:fs';
import * as path from 'node:path';
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
      'warnings/rules.yaml:14:5: notice "english-only" has no message in ru, which "overdue-review" has for visitors both reach; add it, or list the languages this notice is meant to have in message_languages',
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

describe('a missing translation, only where it matters', () => {
  /** The shipped rules (en, ru and uk, for Russia and the occupied parts of Ukraine) beside `extra`. */
  function beside(extra: string): ReturnType<typeof checkRules> & { dir: string } {
    const shipped = path.resolve(__dirname, '../../rules');
    const files: Record<string, string> = { 'more.yaml': extra };
    for (const file of ['regions.yaml', 'sharing-risk.yaml', 'networks/as-prefixes.yaml']) files[file] = fs.readFileSync(path.join(shipped, file), 'utf8');
    const dir = tempRules(files);
    return { ...checkRules(dir, { now: NOW }), dir };
  }
  const translationWarnings = (result: ReturnType<typeof beside>): string[] =>
    result.warnings.filter((problem) => problem.message.includes('has no message in')).map((problem) => relativeProblem(problem, result.dir));

  it('is not asked of notices for other countries, each in its own language', () => {
    const result = beside(
      [
        'notices:',
        noticeYaml('california-privacy', '    when: { regions: [US-CA] }'),
        '  - id: impressum-germany\n    description: d\n    owner: o\n    when: { regions: [DE] }\n    messages:\n      de: { text: Impressum. }',
        '  - id: mentions-france\n    description: d\n    owner: o\n    when: { regions: [FR] }\n    messages:\n      fr: { text: Mentions légales. }',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(translationWarnings(result)).toEqual([]);
  });

  it('is asked where the notices meet the same readers: everywhere, or in the same country', () => {
    const result = beside(['notices:', noticeYaml('everyone'), noticeYaml('in-crimea', '    when: { regions: [UA-43] }')].join('\n'));
    expect(translationWarnings(result)).toEqual([
      'more.yaml:5:5: notice "everyone" has no message in ru, uk, which "sharing-risk-russia" has for visitors both reach; add it, or list the languages this notice is meant to have in message_languages',
      'more.yaml:11:5: notice "in-crimea" has no message in ru, uk, which "sharing-risk-russia" has for visitors both reach; add it, or list the languages this notice is meant to have in message_languages',
    ]);
  });

  it('is not asked when the notice never reaches readers of that language, or already serves them', () => {
    const notice = (id: string, when: string, messages: string): string =>
      `  - id: ${id}\n    description: d\n    owner: o\n    when: ${when}\n    default_language: en\n    messages: ${messages}`;
    const dir = tempRules({
      'rules.yaml': [
        'notices:',
        notice('russian', '{ regions: [RU] }', '{ en: { text: a }, ru: { text: b } }'),
        notice('english-readers', '{ regions: [RU], languages: [en] }', '{ en: { text: a } }'),
        notice('not-for-russian-readers', '{ regions: [RU], not_languages: [ru] }', '{ en: { text: a } }'),
        notice('brazilian', '{ regions: [BR] }', '{ en: { text: a }, pt-BR: { text: b } }'),
        notice('portuguese', '{ regions: [BR] }', '{ en: { text: a }, pt: { text: b } }'),
      ].join('\n'),
    });
    // `portuguese` serves pt-BR readers with its pt message; `brazilian` leaves a plain pt reader with English.
    expect(checkRules(dir, { now: NOW }).warnings.map((problem) => relativeProblem(problem, dir))).toEqual([
      'rules.yaml:25:5: notice "brazilian" has no message in pt, which "portuguese" has for visitors both reach; add it, or list the languages this notice is meant to have in message_languages',
    ]);
  });

  it('is not asked of a notice that lists the languages it is meant to have', () => {
    const result = beside(['notices:', noticeYaml('everyone', '    message_languages: [en]')].join('\n'));
    expect(result.errors).toEqual([]);
    expect(translationWarnings(result)).toEqual([]);
  });

  it('message_languages must name exactly the messages', () => {
    const dir = tempRules({ 'rules.yaml': ['notices:', noticeYaml('n', '    message_languages: [en, de]'), noticeYaml('m', '    message_languages: [de]')].join('\n') });
    expect(checkRules(dir, { now: NOW }).errors.map((problem) => relativeProblem(problem, dir))).toEqual([
      'rules.yaml:5:29: message_languages lists "de", but messages has no message in it',
      'rules.yaml:11:25: message_languages lists "de", but messages has no message in it',
      'rules.yaml:13:7: messages has "en", which message_languages does not list',
    ]);
  });
});
