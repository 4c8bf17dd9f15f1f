/**
 * The explanation of a decision, for auditors: every notice of the set, whether it applies to the
 * visitor, in which language, and why — each condition key with the visitor's actual value and
 * the rule's expected one. It runs the same evaluator as `decide` (with reasons collected), over
 * every notice rather than the index's candidates, so it also says why the others do not apply.
 */
import { describeActive, isActiveAt } from './active-window';
import { evaluateCondition } from './condition';
import { decisionIndexOf, type RuleSet } from './rule-set';
import { chooseMessageLanguage, messageLookupOrder } from './language';
import { resolveOverrides } from './overrides';
import type { Condition, NoticeExplanation, Visitor } from './types';

/** Evaluates a `when` list, appending one reason per condition key (and a summary when useful). */
function explainConditions(
  conditions: readonly Condition[],
  visitor: Visitor,
  reasons: string[],
): boolean {
  if (conditions.length === 0) {
    reasons.push('no conditions: every visitor matches');
    return true;
  }
  let holding: number | undefined;
  conditions.forEach((condition, index) => {
    const label = ` (condition ${index + 1})`;
    const before = reasons.length;
    const holds = evaluateCondition(condition, visitor, reasons, label);
    if (reasons.length === before) reasons.push(`no keys: every visitor matches${label}`);
    if (holds && holding === undefined) holding = index + 1;
  });
  if (conditions.length > 1) {
    reasons.push(
      holding === undefined
        ? `none of the ${conditions.length} conditions holds`
        : `condition ${holding} holds`,
    );
  }
  return holding !== undefined;
}

/**
 * Every notice of the set for `visitor` at `now` (default: the current time): the applying ones
 * first in display order, then the others in display order. The applying ids are exactly those
 * `decide` returns.
 */
export function explain(
  ruleSet: RuleSet,
  visitor: Visitor,
  now: Date = new Date(),
): NoticeExplanation[] {
  const { candidates, overrides } = decisionIndexOf(ruleSet).all;
  const nowMs = now.getTime();
  const lookupOrder = messageLookupOrder(visitor.languages);
  const states = new Uint8Array(candidates.length);

  const explanations: NoticeExplanation[] = candidates.map(({ compiled }, index) => {
    const { notice } = compiled;
    const reasons = [describeActive(notice.active, nowMs)];
    const active = isActiveAt(compiled.bounds, nowMs);
    const whenHolds = explainConditions(compiled.conditions, visitor, reasons);
    states[index] = active && whenHolds ? 1 : 0;
    const language = chooseMessageLanguage(
      compiled.messageKeys,
      notice.defaultLanguage,
      lookupOrder,
    );
    return { id: notice.id, applies: false, language, reasons };
  });

  const matched = states.slice();
  if (overrides !== null) resolveOverrides(overrides, states);
  explanations.forEach((explanation, index) => {
    explanation.applies = states[index] === 1;
    if (matched[index] === 1 && !explanation.applies) {
      for (const suppressor of overrides?.suppressors[index] ?? []) {
        if (states[suppressor] === 1) {
          explanation.reasons.push(`overridden by notice "${candidates[suppressor]?.compiled.notice.id}"`);
        }
      }
    }
  });

  return [
    ...explanations.filter((explanation) => explanation.applies),
    ...explanations.filter((explanation) => !explanation.applies),
  ];
}
