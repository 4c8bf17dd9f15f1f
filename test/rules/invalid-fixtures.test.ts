import * as fs from 'node:fs';
import { checkRules, loadRules, RuleSetError } from '../../src/rules';
import { FIXTURES, fixture, relativeProblem } from './helpers';

/**
 * Each invalid fixture holds one mistake. The CLI tests reuse these folders, so the exact
 * place and wording matter: `file:line:column` and a telling part of the message.
 */
const EXPECTED: Record<string, ReadonlyArray<readonly [location: string, message: string]>> = {
  'alias-bomb': [['alias-bomb/rules.yaml:5:8', 'looks like an alias bomb']],
  'default-language-without-message': [['default-language-without-message/rules.yaml:5:23', 'default_language "de" has no message; use one of en, ru']],
  'duplicate-id': [
    ['duplicate-id/a.yaml:2:9', 'notice id "sharing-risk" is used more than once (also at '],
    ['duplicate-id/b.yaml:3:9', 'notice id "sharing-risk" is used more than once (also at '],
  ],
  'duplicate-key': [['duplicate-key/rules.yaml:5:5', 'duplicate key "owner" (first given at line 4)']],
  'glob-without-slash': [['glob-without-slash/rules.yaml:6:15', 'can never match: URL paths start with "/" (did you mean "/news/**"?)']],
  'impossible-date': [['impossible-date/rules.yaml:5:21', '"2024-02-30" is not a real date']],
  'invalid-glob': [['invalid-glob/rules.yaml:6:15', 'path glob "/news/[abc" is not a valid pattern']],
  'javascript-link': [['javascript-link/rules.yaml:8:23', 'must be an http(s) URL or a relative URL, not a "javascript:" URL']],
  'lowercase-country-code': [['lowercase-country-code/rules.yaml:7:11', 'unknown region set "ru" (did you mean the code RU?']],
  'many-errors': [], // its own test below
  'misspelt-key': [['misspelt-key/rules.yaml:6:7', 'unknown key "regoins" in a "when" condition (did you mean "regions"?)']],
  'missing-default-language': [['missing-default-language/rules.yaml:5:5', '"default_language" is required when "messages" has more than one language']],
  'missing-required-key': [['missing-required-key/rules.yaml:2:5', 'missing required key "owner" in a notice']],
  'override-cycle': [['override-cycle/rules.yaml:11:17', 'notices override each other in a cycle: first → second → first']],
  'proto-key': [['proto-key/rules.yaml:6:7', 'the key "__proto__" is not allowed']],
  'redefined-builtin-set': [['redefined-builtin-set/rules.yaml:2:3', '"eu" is a built-in region set and cannot be redefined']],
  'region-set-cycle': [['region-set-cycle/rules.yaml:3:18', 'region sets include each other in a cycle: north → south → north']],
  'test-region-outside-country': [['test-region-outside-country/rules.yaml:5:15', 'region "UA-43" is not in country "RU"']],
  'test-unknown-notice': [['test-unknown-notice/rules.yaml:10:25', 'unknown notice "sharing-risks" (did you mean "sharing-risk"?)']],
  'test-without-location': [['test-without-location/rules.yaml:3:5', 'a test visitor needs either "ip" or "country"']],
  'text-and-html': [['text-and-html/rules.yaml:8:9', 'a message has either "text" or "html", not both']],
  'uk-instead-of-gb': [['uk-instead-of-gb/rules.yaml:5:23', '"UK" is not an ISO 3166-1 country code (did you mean GB']],
  'unknown-country': [['unknown-country/rules.yaml:5:23', 'unknown country code "XX"']],
  'unknown-override': [['unknown-override/rules.yaml:5:17', 'overrides unknown notice "cookie-banner" (did you mean "cookie-baner"?)']],
  'unknown-placement': [['unknown-placement/rules.yaml:5:16', '"placement" must be one of body-start, body-end, marker, none, not "body-begin"']],
  'unknown-region-set': [['unknown-region-set/rules.yaml:7:23', 'unknown region set "ocupied" (did you mean "occupied"?)']],
  'unknown-subdivision': [['unknown-subdivision/rules.yaml:6:24', 'unknown subdivision code "UA-99": Ukraine has no such ISO 3166-2 subdivision']],
  'until-before-from': [['until-before-from/rules.yaml:7:14', '"until" (2024-01-01) must be after "from" (2025-01-01)']],
  'wrong-type': [['wrong-type/rules.yaml:5:15', '"priority" must be a whole number, not text ("high")']],
  'yaml-syntax-error': [['yaml-syntax-error/rules.yaml:3:18', 'text that contains ": " must be in quotes']],
};

const INVALID = Object.entries(EXPECTED).filter(([, problems]) => problems.length > 0);

describe('invalid rule fixtures', () => {
  it('covers every fixture folder except the valid ones', () => {
    const folders = fs.readdirSync(FIXTURES).filter((name) => !['valid', 'warnings'].includes(name));
    expect(folders.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(INVALID)('%s: reports its one mistake where it is', (name, expected) => {
    const check = checkRules(fixture(name));
    const reported = check.errors.map((problem) => relativeProblem(problem));
    expect(reported).toHaveLength(expected.length);
    expected.forEach(([location, message], index) => {
      expect(reported[index]).toContain(`${location}: `);
      expect(reported[index]).toContain(message);
    });
    expect(check.ruleSet).toBeNull();
  });

  it.each(INVALID)('%s: loadRules throws a RuleSetError listing it', (name, expected) => {
    let thrown: unknown;
    try {
      loadRules(fixture(name));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleSetError);
    const error = thrown as RuleSetError;
    expect(error.problems).toHaveLength(expected.length);
    for (const [, message] of expected) expect(error.message).toContain(message);
  });
});
