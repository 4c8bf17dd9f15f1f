/**
 * Runs a rule set's `tests:` cases: each visitor through the same `explain` the CLI prints, the
 * outcome compared with what the case expects.
 *
 * What a case checks:
 * - `expect.notices`: exactly these notices apply, in this display order;
 * - `expect.language` (optional): every applying notice is shown in this language. Checking every
 *   notice, not just the first, is what "the visitor reads the page in Russian" means, and it
 *   catches a notice that lacks the translation and falls back to its default language.
 */
import { explain } from '../core/explain';
import type { RuleSet } from '../core/rule-set';
import type { NoticeExplanation, RuleTestCase, Visitor } from '../core/types';
import { parseRuleDate } from '../rules/dates';
import { describePlace } from './format';
import { resolveVisitor } from './visitor';

export interface TestExpectation {
  notices: string[];
  language?: string;
}

export interface TestOutcome {
  notices: string[];
  /** The language every applying notice is shown in; null when none applies or they differ. */
  language: string | null;
  /** Each applying notice's language, in display order. */
  languages: string[];
}

export interface TestCaseResult {
  name: string;
  file: string;
  line: number;
  column: number;
  ok: boolean;
  expected: TestExpectation;
  /** Null when the case could not be run (see `error`). */
  actual: TestOutcome | null;
  /** The visitor as resolved (an `ip` looked up in the geo data); null when the case could not be run. */
  visitor: (Visitor & { place: string }) | null;
  /** When the decision was made, ISO 8601. */
  at: string;
  /** Why the case failed, in words: a mismatch, or a visitor that could not be resolved. */
  problems: string[];
  /** The explanation of every notice for this visitor (for failures and coverage). */
  explanations: NoticeExplanation[];
}

/** Runs every case of the set. `now` is when cases without `at` happen. */
export function runRuleTests(ruleSet: RuleSet, now: Date): TestCaseResult[] {
  return ruleSet.tests.map((testCase) => runCase(ruleSet, testCase, now));
}

function runCase(ruleSet: RuleSet, testCase: RuleTestCase, now: Date): TestCaseResult {
  const expected: TestExpectation = { notices: [...testCase.expect.notices] };
  if (testCase.expect.language !== undefined) expected.language = testCase.expect.language;
  const { file, line, column } = testCase.source;
  const base = { name: testCase.name, file, line, column, expected };

  const at = testCase.visitor.at === undefined ? now : parseRuleDate(testCase.visitor.at);
  let visitor: Visitor;
  try {
    if (at === null) throw new Error(`"at" is not a date or date-time: ${testCase.visitor.at}`);
    visitor = resolveVisitor({
      ip: testCase.visitor.ip,
      asn: testCase.visitor.asn,
      country: testCase.visitor.country,
      region: testCase.visitor.region,
      acceptLanguage: testCase.visitor.accept_language,
      path: testCase.visitor.path,
    }).visitor;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      actual: null,
      visitor: null,
      at: (at ?? now).toISOString(),
      problems: [`the case could not be run: ${message}`],
      explanations: [],
    };
  }

  const explanations = explain(ruleSet, visitor, at);
  const applying = explanations.filter((notice) => notice.applies);
  const languages = applying.map((notice) => notice.language);
  const actual: TestOutcome = {
    notices: applying.map((notice) => notice.id),
    language: languages.length > 0 && languages.every((tag) => tag === languages[0]) ? (languages[0] ?? null) : null,
    languages,
  };
  const problems = compare(expected, applying);
  return {
    ...base,
    ok: problems.length === 0,
    actual,
    visitor: { ...visitor, place: describePlace(visitor.country, visitor.region) },
    at: at.toISOString(),
    problems,
    explanations,
  };
}

function compare(expected: TestExpectation, applying: readonly NoticeExplanation[]): string[] {
  const problems: string[] = [];
  const actualIds = applying.map((notice) => notice.id);
  if (actualIds.join('\n') !== expected.notices.join('\n')) {
    const sameSet =
      actualIds.length === expected.notices.length && expected.notices.every((id) => actualIds.includes(id));
    problems.push(sameSet ? 'the expected notices apply, but in another order' : 'other notices apply than expected');
  }
  const language = expected.language?.toLowerCase();
  if (language !== undefined) {
    for (const notice of applying) {
      if (notice.language !== language)
        problems.push(`notice "${notice.id}" is shown in ${notice.language}, not ${language}`);
    }
  }
  return problems;
}
