/**
 * The explanation of a decision, for auditors: every notice of the set, whether it applies to the
 * visitor, in which language, and why — each condition key with the visitor's actual value and
 * the rule's expected one, as a machine line (`reasons`) and a plain sentence (`sentences`). It
 * runs the same evaluator as `decide` (with reasons collected), over every notice rather than the
 * index's candidates, so it also says why the others do not apply.
 */
import { describeActive, describeActivePlainly, isActiveAt } from './active-window';
import { evaluateCondition } from './condition';
import { decisionIndexOf, type RuleSet } from './rule-set';
import { chooseMessageLanguage, messageLookupOrder } from './language';
import { resolveOverrides } from './overrides';
import { addReason, type ReasonLog } from './reasons';
import type { Condition, NoticeExplanation, Visitor } from './types';

export interface ExplainOptions {
  /** A code's name in words, for the plain sentences (`Autonomous Republic of Crimea` for `UA-43`). */
  regionName?: (code: string) => string;
}

/** Evaluates a `when` list, logging one reason per condition key (and a summary when useful). */
function explainConditions(conditions: readonly Condition[], visitor: Visitor, log: ReasonLog): boolean {
  if (conditions.length === 0) {
    addReason(log, 'no conditions: every visitor matches', 'It has no conditions: every visitor gets it.');
    return true;
  }
  const holding: number[] = [];
  conditions.forEach((condition, index) => {
    log.suffix = ` (condition ${index + 1})`;
    log.prefix = conditions.length > 1 ? `Condition ${index + 1}: ` : '';
    const before = log.machine.length;
    const holds = evaluateCondition(condition, visitor, log);
    if (log.machine.length === before)
      addReason(log, 'no keys: every visitor matches', 'It has no keys: every visitor meets it.');
    if (holds) holding.push(index + 1);
  });
  log.suffix = '';
  log.prefix = '';
  if (conditions.length > 1) {
    if (holding.length === 0) {
      addReason(
        log,
        `none of the ${conditions.length} conditions holds`,
        `None of its ${conditions.length} conditions is met, and one would be enough.`,
      );
    } else {
      const which = holding.length === 1 ? `condition ${holding[0]} holds` : `conditions ${holding.join(', ')} hold`;
      addReason(
        log,
        which,
        `${holding.length === 1 ? `Condition ${holding[0]} is` : `Conditions ${holding.join(', ')} are`} met, and one is enough.`,
      );
    }
  }
  return holding.length > 0;
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
  options: ExplainOptions = {},
): NoticeExplanation[] {
  const { candidates, overrides } = decisionIndexOf(ruleSet).all;
  const nowMs = now.getTime();
  const lookupOrder = messageLookupOrder(visitor.languages);
  const states = new Uint8Array(candidates.length);
  const name = options.regionName ?? ((code: string) => code);

  const explanations: NoticeExplanation[] = candidates.map(({ prepared }, index) => {
    const { notice } = prepared;
    const log: ReasonLog = { machine: [], plain: [], name, suffix: '', prefix: '' };
    addReason(log, describeActive(notice.active, nowMs), describeActivePlainly(notice.active, nowMs));
    const active = isActiveAt(prepared.bounds, nowMs);
    const whenHolds = explainConditions(prepared.conditions, visitor, log);
    states[index] = active && whenHolds ? 1 : 0;
    const language = chooseMessageLanguage(prepared.messageKeys, notice.defaultLanguage, lookupOrder);
    const languageFallback = !lookupOrder.some((tag) => prepared.messageKeys.has(tag));
    return { id: notice.id, applies: false, language, languageFallback, reasons: log.machine, sentences: log.plain };
  });

  const matched = states.slice();
  if (overrides !== null) resolveOverrides(overrides, states);
  explanations.forEach((explanation, index) => {
    explanation.applies = states[index] === 1;
    if (matched[index] === 1 && !explanation.applies) {
      for (const suppressor of overrides?.suppressors[index] ?? []) {
        if (states[suppressor] !== 1) continue;
        const id = candidates[suppressor]?.prepared.notice.id;
        explanation.reasons.push(`overridden by notice "${id}"`);
        explanation.sentences.push(
          `It is not shown because notice "${id}" applies too and takes its place (overrides).`,
        );
      }
    }
    explanation.sentences.push(languageSentence(explanation, visitor));
  });

  return [
    ...explanations.filter((explanation) => explanation.applies),
    ...explanations.filter((explanation) => !explanation.applies),
  ];
}

/** In which language it is (or would be) shown, and whether that is a fallback. */
function languageSentence(explanation: NoticeExplanation, visitor: Visitor): string {
  const shown = explanation.applies ? 'It is shown' : 'It would be shown';
  if (!explanation.languageFallback) return `${shown} in ${explanation.language}, a language the visitor reads.`;
  const reads =
    visitor.languages.length === 0
      ? 'the visitor’s browser names no language'
      : `it has no message in ${visitor.languages.join(', ')}`;
  return `${shown} in ${explanation.language}, its default language: ${reads}.`;
}
