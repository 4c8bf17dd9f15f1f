import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkRules } from '../../src/rules';
import { removeTempDirs, tempRules } from './helpers';

afterAll(removeTempDirs);

/** Values that are sometimes right and often wrong for a rule-file key. */
const leaf = fc.oneof(
  fc.constantFrom('RU', 'UA-43', 'UA-99', 'ru', 'eu', 'occupied', 'en', 'x', '/news/**', 'news/**', '2024-02-20', '2024-02-30', 'match', 'warning', '', '__proto__'),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constant(null),
);
const KEYS = [
  'id', 'description', 'owner', 'when', 'regions', 'not_regions', 'languages', 'messages', 'en', 'ru', 'text', 'html', 'link', 'href',
  'overrides', 'priority', 'active', 'from', 'until', 'default_language', 'visitor', 'expect', 'notices', 'country', 'region', 'ip', 'name',
  'regoins', 'constructor',
];
const value: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 }),
  ),
})).node;
const ruleFile = fc.record(
  { regions: fc.dictionary(fc.constantFrom('occupied', 'eu', 'loop'), value, { maxKeys: 2 }), notices: fc.array(value, { maxLength: 3 }), tests: fc.array(value, { maxLength: 2 }) },
  { requiredKeys: [] },
);

describe('robustness', () => {
  it('never throws, and either loads or reports located problems, whatever the file holds', () => {
    const dir = tempRules({});
    const file = path.join(dir, 'rules.yaml');
    fc.assert(
      fc.property(ruleFile, (content) => {
        fs.writeFileSync(file, stringify(content));
        const check = checkRules(dir);
        for (const problem of check.errors) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.column).toBeGreaterThanOrEqual(1);
          expect(problem.message.length).toBeGreaterThan(0);
        }
        expect(check.ruleSet === null).toBe(check.errors.length > 0);
        expect(check.version).toMatch(/^[0-9a-f]{16}$/);
      }),
      { numRuns: 200 },
    );
  });

  it('loads well-formed notices with any mix of valid options, or explains why not', () => {
    const ids = ['a', 'b', 'c'];
    const regions = fc.uniqueArray(fc.constantFrom('RU', 'UA', 'UA-43', 'DE', 'eu', 'eea', 'occupied'), { minLength: 1, maxLength: 3 });
    const condition = fc.record(
      {
        regions,
        not_regions: regions,
        languages: fc.uniqueArray(fc.constantFrom('ru', 'ru-RU', 'uk', 'en'), { minLength: 1, maxLength: 2 }),
        not_languages: fc.uniqueArray(fc.constantFrom('ru', 'en-GB'), { maxLength: 2 }),
        paths: fc.uniqueArray(fc.constantFrom('/**', '/news/**', '/a/*'), { minLength: 1, maxLength: 2 }),
        not_paths: fc.uniqueArray(fc.constantFrom('/**', '/api/**'), { maxLength: 2 }),
        unknown_location: fc.constantFrom('match', 'skip'),
      },
      { requiredKeys: [] },
    );
    const notice = fc.record(
      {
        id: fc.constantFrom(...ids),
        description: fc.constant('d'),
        owner: fc.constant('o'),
        priority: fc.integer({ min: -3, max: 3 }),
        active: fc.record({ from: fc.constantFrom('2020-01-01', '2030-01-01'), until: fc.constantFrom('2025-01-01', '2040-01-01') }, { requiredKeys: [] }),
        when: fc.oneof(condition, fc.array(condition, { minLength: 1, maxLength: 2 })),
        overrides: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 2 }),
        placement: fc.constantFrom('body-start', 'body-end', 'marker', 'none'),
        messages: fc.constantFrom({ en: { text: 't' } }, { en: { text: 't' }, ru: { html: '<b>т</b>' } }),
        default_language: fc.constant('en'),
      },
      { requiredKeys: ['id', 'description', 'owner', 'messages', 'default_language'] },
    );
    const dir = tempRules({ 'regions.yaml': 'regions:\n  occupied: [UA-43, UA-14]\n' });
    const file = path.join(dir, 'notices.yaml');
    fc.assert(
      fc.property(fc.array(notice, { maxLength: 4 }), (notices) => {
        fs.writeFileSync(file, stringify({ notices }));
        const check = checkRules(dir, { now: new Date('2026-01-01T00:00:00Z') });
        const duplicateIds = new Set(notices.map((n) => n.id)).size !== notices.length;
        if (!duplicateIds && check.errors.length === 0) {
          expect(check.ruleSet!.notices).toHaveLength(notices.length);
        }
        if (duplicateIds) expect(check.errors.some((problem) => problem.message.includes('used more than once'))).toBe(true);
        // Every notice here is well formed; the only possible errors come from how they combine.
        for (const problem of check.errors) expect(problem.message).toMatch(/used more than once|in a cycle|cannot override itself|overrides unknown notice "[abc]"$|must be after "from"/);
        for (const problem of [...check.errors, ...check.warnings]) expect(problem.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
