/**
 * How much of a rule set its `tests:` cases exercise.
 *
 * The unit is a condition: each entry of a notice's `when` list, or, for a notice without
 * conditions, the notice itself. A unit is covered when some *passing* case has a visitor for
 * whom the notice applies and that very condition holds. A notice is covered when one of its
 * units is. Coverage is the share of covered units (100% for a set with no notices). Cases that
 * expect a notice not to apply are useful too, but they say nothing about which condition would
 * have shown it, so they do not count here.
 */
import { evaluateCondition } from '../core/condition';
import type { RuleSet } from '../core/rule-set';
import type { SourceLocation } from '../core/types';
import type { TestCaseResult } from './rule-tests';

export interface UncoveredCondition extends SourceLocation {
  notice: string;
  /** 1-based position in the notice's `when` list; null for a notice without conditions. */
  condition: number | null;
}

export interface TestCoverage {
  notices: { covered: number; total: number; uncovered: string[] };
  conditions: { covered: number; total: number; uncovered: UncoveredCondition[] };
  /** Covered conditions as a percentage of all, 0–100. */
  percent: number;
}

export function testCoverage(ruleSet: RuleSet, results: readonly TestCaseResult[]): TestCoverage {
  const passing = results.filter((result) => result.ok && result.visitor !== null);
  const uncoveredNotices: string[] = [];
  const uncoveredConditions: UncoveredCondition[] = [];
  let units = 0;
  let coveredUnits = 0;

  for (const notice of ruleSet.notices) {
    const visitorsShown = passing
      .filter((result) => result.explanations.some((explanation) => explanation.id === notice.id && explanation.applies))
      .flatMap((result) => (result.visitor === null ? [] : [result.visitor]));
    let noticeCovered = false;
    if (notice.conditions.length === 0) {
      units += 1;
      noticeCovered = visitorsShown.length > 0;
      if (noticeCovered) coveredUnits += 1;
      else uncoveredConditions.push({ notice: notice.id, condition: null, ...notice.source });
    }
    notice.conditions.forEach((condition, index) => {
      units += 1;
      if (visitorsShown.some((visitor) => evaluateCondition(condition, visitor))) {
        coveredUnits += 1;
        noticeCovered = true;
      } else {
        uncoveredConditions.push({ notice: notice.id, condition: index + 1, ...condition.source });
      }
    });
    if (!noticeCovered) uncoveredNotices.push(notice.id);
  }

  return {
    notices: { covered: ruleSet.notices.length - uncoveredNotices.length, total: ruleSet.notices.length, uncovered: uncoveredNotices },
    conditions: { covered: coveredUnits, total: units, uncovered: uncoveredConditions },
    percent: units === 0 ? 100 : (coveredUnits / units) * 100,
  };
}

/** `87.5%`, `100%`: at most one decimal, never rounded up to a pass. */
export function formatPercent(percent: number): string {
  return `${Math.floor(percent * 10) / 10}%`;
}
