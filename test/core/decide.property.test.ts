/**
 * `decide` against a reference written straight from the documented semantics (docs/rules.md): a linear scan over every
 * notice, with no index, no precomputation and overrides resolved by plain recursion. Random rule
 * sets cover regions (countries, subdivisions, empty lists), both unknown-location policies,
 * languages, paths, priorities with ties, active windows and override DAGs; random visitors
 * include unknown locations and regions that disagree with their country.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { decide } from '../../src/core/decide';
import { explain } from '../../src/core/explain';
import type { Visitor } from '../../src/core/types';
import { messagesIn, notice, ruleSetOf, type ConditionSpec } from './factory';

const COUNTRIES = ['RU', 'UA', 'DE', 'US', 'FR'];
const SUBDIVISIONS = ['RU-MOW', 'RU-KDA', 'UA-43', 'UA-30', 'DE-BE', 'US-CA'];
const RULE_LANGUAGES = ['ru', 'uk', 'en', 'en-gb', 'pt', 'pt-br', 'de', 'zh-hant'];
const VISITOR_LANGUAGES = [...RULE_LANGUAGES, 'ru-ru', 'uk-ua', 'en-us', 'pt-pt', 'zh-hant-tw', 'zh', 'fr'];
const GLOBS = ['/**', '/news/**', '/api/*', '/a?c', '/{news,blog}/*'];
const PATHS = ['/', '/news/1', '/news/a/b', '/api/x', '/abc', '/blog/1', '/api'];
const DAYS = ['2024-01-01', '2025-01-01', '2025-06-01', '2026-01-01', '2027-01-01'].map((day) =>
  new Date(`${day}T00:00:00Z`).getTime(),
);

/** A notice as plain data: what the reference reads. */
interface NoticeSpec {
  id: string;
  priority: number;
  from?: number;
  until?: number;
  when: ConditionSpec[];
  overrides: string[];
  messageKeys: string[];
  defaultLanguage: string;
}

const conditionArb: fc.Arbitrary<ConditionSpec> = fc.record(
  {
    regions: fc.subarray([...COUNTRIES, ...SUBDIVISIONS], { maxLength: 3 }),
    notRegions: fc.subarray([...COUNTRIES, ...SUBDIVISIONS], { minLength: 1, maxLength: 2 }),
    languages: fc.subarray(RULE_LANGUAGES, { minLength: 1, maxLength: 3 }),
    notLanguages: fc.subarray(RULE_LANGUAGES, { minLength: 1, maxLength: 2 }),
    paths: fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }),
    notPaths: fc.subarray(GLOBS, { minLength: 1, maxLength: 2 }),
    unknownLocation: fc.constantFrom('match' as const, 'skip' as const),
  },
  { requiredKeys: ['unknownLocation'] },
);

const windowArb = fc
  .tuple(fc.option(fc.constantFrom(...DAYS), { freq: 2 }), fc.option(fc.constantFrom(...DAYS), { freq: 2 }))
  .map(([a, b]) => {
    if (a !== null && b !== null && a === b) return { from: a };
    if (a !== null && b !== null) return { from: Math.min(a, b), until: Math.max(a, b) };
    return { ...(a !== null ? { from: a } : {}), ...(b !== null ? { until: b } : {}) };
  });

const messagesArb = fc
  .subarray(RULE_LANGUAGES, { minLength: 1, maxLength: 4 })
  .chain((keys) => fc.constantFrom(...keys).map((defaultLanguage) => ({ keys, defaultLanguage })));

/** Notice i may override only notices after it: the override graph is a DAG by construction. */
const ruleSetArb: fc.Arbitrary<NoticeSpec[]> = fc.integer({ min: 0, max: 12 }).chain((count) =>
  fc.tuple(
    ...Array.from({ length: count }, (_, index) =>
      fc
        .record({
          priority: fc.integer({ min: -2, max: 2 }),
          window: windowArb,
          // Many notices without conditions, so that override chains often match in full.
          when: fc.oneof(
            { weight: 1, arbitrary: fc.constant<ConditionSpec[]>([]) },
            { weight: 2, arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 3 }) },
          ),
          overrides: fc.subarray(
            Array.from({ length: count - index - 1 }, (_, k) => `n${index + 1 + k}`),
            { maxLength: Math.min(3, count - index - 1) },
          ),
          messages: messagesArb,
        })
        .map((fields): NoticeSpec => ({
          id: `n${index}`,
          priority: fields.priority,
          ...fields.window,
          when: fields.when,
          overrides: fields.overrides,
          messageKeys: fields.messages.keys,
          defaultLanguage: fields.messages.defaultLanguage,
        })),
    ),
  ),
);

const visitorArb: fc.Arbitrary<Visitor> = fc
  .record({
    location: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ country: null, region: null }) },
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...COUNTRIES)
          .chain((country) =>
            fc
              .constantFrom(null, ...SUBDIVISIONS.filter((code) => code.startsWith(`${country}-`)))
              .map((region) => ({ country, region })),
          ),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          country: fc.constantFrom(...COUNTRIES),
          region: fc.constantFrom(...SUBDIVISIONS),
        }),
      },
    ),
    languages: fc.shuffledSubarray(VISITOR_LANGUAGES, { maxLength: 3 }),
    path: fc.constantFrom(...PATHS),
  })
  .map(({ location, languages, path }) => ({ ...location, languages, path }));

// --- The reference, from the documented semantics -------------------------------------------------------

function visitorIsIn(codes: readonly string[], v: Visitor): boolean {
  return codes.includes(v.country as string) || (v.region !== null && codes.includes(v.region));
}

function ruleTagMatches(ruleTag: string, visitorTag: string): boolean {
  return visitorTag === ruleTag || visitorTag.startsWith(`${ruleTag}-`);
}

function anyLanguageMatched(ruleTags: readonly string[], v: Visitor): boolean {
  return v.languages.some((tag) => ruleTags.some((rule) => ruleTagMatches(rule, tag)));
}

const globMatchers = new Map<string, (path: string) => boolean>();
function globsMatch(globs: readonly string[], path: string): boolean {
  const key = globs.join('\n');
  let matcher = globMatchers.get(key);
  if (matcher === undefined) globMatchers.set(key, (matcher = picomatch([...globs])));
  return matcher(path);
}

function conditionHolds(c: ConditionSpec, v: Visitor): boolean {
  const known = v.country !== null;
  const checks: boolean[] = [];
  if (c.regions) checks.push(known ? visitorIsIn(c.regions, v) : c.unknownLocation !== 'skip');
  if (c.notRegions) checks.push(!known || !visitorIsIn(c.notRegions, v));
  if (c.languages) checks.push(anyLanguageMatched(c.languages, v));
  if (c.notLanguages) checks.push(!anyLanguageMatched(c.notLanguages, v));
  if (c.paths) checks.push(globsMatch(c.paths, v.path));
  if (c.notPaths) checks.push(!globsMatch(c.notPaths, v.path));
  return checks.every(Boolean);
}

/** The visitor's most preferred tag that a key matches; among matching keys the most specific. */
function referenceLanguage(spec: NoticeSpec, v: Visitor): string {
  for (const tag of v.languages) {
    const keys = spec.messageKeys.filter((key) => ruleTagMatches(key, tag));
    if (keys.length > 0) return keys.sort((a, b) => b.length - a.length)[0] as string;
  }
  return spec.defaultLanguage;
}

function referenceDecide(specs: NoticeSpec[], v: Visitor, now: number): Array<[string, string]> {
  const matches = (spec: NoticeSpec): boolean =>
    (spec.from === undefined || spec.from <= now) &&
    (spec.until === undefined || now < spec.until) &&
    (spec.when.length === 0 || spec.when.some((c) => conditionHolds(c, v)));
  const memo = new Map<string, boolean>();
  const applies = (spec: NoticeSpec): boolean => {
    const known = memo.get(spec.id);
    if (known !== undefined) return known;
    const result = matches(spec) && !specs.some((other) => other.overrides.includes(spec.id) && applies(other));
    memo.set(spec.id, result);
    return result;
  };
  return specs
    .filter(applies)
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1))
    .map((spec) => [spec.id, referenceLanguage(spec, v)]);
}

// --- The properties --------------------------------------------------------------------------

function build(specs: NoticeSpec[]) {
  return ruleSetOf(
    ...specs.map((spec) =>
      notice(spec.id, {
        priority: spec.priority,
        active: {
          ...(spec.from !== undefined ? { from: new Date(spec.from) } : {}),
          ...(spec.until !== undefined ? { until: new Date(spec.until) } : {}),
        },
        when: spec.when,
        overrides: spec.overrides,
        messages: messagesIn(...spec.messageKeys),
        defaultLanguage: spec.defaultLanguage,
      }),
    ),
  );
}

const caseArb = fc.record({
  specs: ruleSetArb,
  visitors: fc.array(visitorArb, { minLength: 1, maxLength: 8 }),
  now: fc.constantFrom(...DAYS, ...DAYS.map((day) => day - 1)),
});

describe('decide, property-based', () => {
  it('agrees with a linear reference matcher, ids and languages', () => {
    fc.assert(
      fc.property(caseArb, ({ specs, visitors, now }) => {
        const rules = build(specs);
        for (const v of visitors) {
          const actual = decide(rules, v, new Date(now)).map((n) => [n.id, n.language]);
          expect(actual).toEqual(referenceDecide(specs, v, now));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('explain marks as applying exactly the notices decide returns, in the same order', () => {
    fc.assert(
      fc.property(caseArb, ({ specs, visitors, now }) => {
        const rules = build(specs);
        for (const v of visitors) {
          const explanations = explain(rules, v, new Date(now));
          expect(explanations).toHaveLength(specs.length);
          const applying = explanations.filter((e) => e.applies);
          const decided = decide(rules, v, new Date(now));
          expect(applying.map((e) => [e.id, e.language])).toEqual(decided.map((n) => [n.id, n.language]));
          expect(explanations.slice(0, applying.length)).toEqual(applying);
        }
      }),
      { numRuns: 200 },
    );
  });
});
