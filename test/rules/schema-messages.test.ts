import { checkRules } from '../../src/rules';
import { noticeYaml, relativeProblem, removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

/** The problems for one rules.yaml, as `rules.yaml:line:column: message`. */
function problemsFor(yaml: string): string[] {
  const dir = tempRules({ 'rules.yaml': yaml });
  return checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
}

const notice = (extra: string): string => ['notices:', noticeYaml('a', extra)].join('\n');

describe('schema errors in plain words, one line per mistake', () => {
  it.each([
    ['"when" given as text', notice('    when: RU'), 'rules.yaml:5:11: "when" must be a condition mapping (such as "regions: [RU]") or a list of them, not text ("RU")'],
    ['an unknown key inside a list of conditions', notice('    when:\n      - { regions: [RU] }\n      - { langauges: [ru] }'), 'rules.yaml:7:11: unknown key "langauges" in a "when" condition (did you mean "languages"?)'],
    ['an empty list of conditions', notice('    when: []'), 'rules.yaml:5:11: "when" must not be an empty list; leave "when" out to show the notice to every visitor'],
    ['regions as text', notice('    when: { regions: RU }'), 'rules.yaml:5:22: "regions" must be a list, not text ("RU"); write [RU]'],
    ['an empty regions list', notice('    when: { regions: [] }'), 'rules.yaml:5:22: "regions" must not be an empty list; an empty list matches no one: leave the key out to match every region'],
    ['a region listed twice', notice('    when: { regions: [RU, DE, RU] }'), 'rules.yaml:5:31: "regions" lists "RU" more than once'],
    ['a condition key directly in the notice', notice('    regions: [RU]'), 'rules.yaml:5:5: unknown key "regions" in a notice (conditions go under "when")'],
    ['a message field directly in the notice', notice('    text: Hello'), 'rules.yaml:5:5: unknown key "text" in a notice (message fields go under "messages", in a language such as "en")'],
    ['an unknown key with nothing close', notice('    colour: red'), expect.stringMatching(/^rules\.yaml:5:5: unknown key "colour" in a notice; allowed keys are id, description, owner, /)],
    ['an empty value', 'notices:\n  - id: a\n    description: d\n    owner:\n    messages:\n      en: { text: t }', 'rules.yaml:4:5: "owner" must be text, not empty'],
    ['a number where text belongs', 'notices:\n  - id: 2024\n    description: d\n    owner: o\n    messages:\n      en: { text: t }', 'rules.yaml:2:9: "id" must be text, not a number (2024); put it in quotes'],
    ['a language tag with an underscore', 'notices:\n  - id: a\n    description: d\n    owner: o\n    messages:\n      en_GB: { text: t }', 'rules.yaml:6:7: "en_GB" is not a language tag such as en, ru or pt-BR (did you mean "en-GB"?)'],
    ['no messages at all', 'notices:\n  - id: a\n    description: d\n    owner: o\n    messages: {}', 'rules.yaml:5:15: "messages" needs at least one entry'],
    ['a link without a label', 'notices:\n  - id: a\n    description: d\n    owner: o\n    messages:\n      en: { text: t, link: { href: /more } }', 'rules.yaml:6:28: missing required key "label" in "link"'],
    ['a misspelt top-level key', 'notice:\n  - id: a', 'rules.yaml:1:1: unknown key "notice" at the top level of a rule file (did you mean "notices"?)'],
    ['a set name in upper case', 'regions:\n  Occupied: [UA-43]', 'rules.yaml:2:3: "Occupied" is not a valid region set name: use lower-case letters, digits and hyphens, starting with a letter (did you mean "occupied"?)'],
    ['a file that is a list', '- id: a', 'rules.yaml:1:1: the file must be a mapping of keys to values, not a list'],
    ['a badly formed date', notice('    review_by: 30.06.2027'), 'rules.yaml:5:16: "30.06.2027" is not a date in the form YYYY-MM-DD'],
    ['a date-time without a zone', notice('    active: { from: "2024-02-20T10:00" }'), 'rules.yaml:5:21: "2024-02-20T10:00" is not a date (YYYY-MM-DD) or a date-time with a time zone (2024-02-20T09:00:00Z)'],
    ['a test country in lower case', 'tests:\n  - name: n\n    visitor: { country: ua }\n    expect: { notices: [] }', 'rules.yaml:3:25: "ua" is not a country code: use an upper-case ISO 3166-1 alpha-2 code such as UA (did you mean "UA"?)'],
  ])('%s', (_what, yaml, expected) => {
    expect(problemsFor(yaml)).toEqual([expected]);
  });
});
