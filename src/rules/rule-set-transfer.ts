import { createRuleSet, type RuleSet, type RuleSetParts } from '../core/rule-set';
import type { Condition, Notice } from '../core/types';
import { compilePathMatcherPaced } from './path-globs';

/** A condition as a message between threads can carry it: path matchers travel as their globs. */
export interface TransferableCondition extends Omit<Condition, 'paths' | 'notPaths'> {
  paths?: readonly string[];
  notPaths?: readonly string[];
}

export interface TransferableNotice extends Omit<Notice, 'conditions'> {
  conditions: readonly TransferableCondition[];
}

/**
 * A rule set in a form the structured clone algorithm copies whole (it copies Maps, Sets and
 * Dates, but no functions), so a set checked in a worker thread can be handed to the main one.
 */
export interface TransferableRuleSet extends Omit<RuleSetParts, 'notices'> {
  notices: readonly TransferableNotice[];
}

export function toTransferable(ruleSet: RuleSet): TransferableRuleSet {
  // Everything of the parts but byId, which points at the notices with their matchers: the other side rebuilds it.
  const parts: Omit<RuleSetParts, 'notices'> & { byId?: unknown } = { ...ruleSet };
  delete parts.byId;
  const notices = ruleSet.notices.map(
    (notice): TransferableNotice => ({
      ...notice,
      conditions: notice.conditions.map((condition) => {
        const copy: Record<string, unknown> = { ...condition };
        if (condition.paths !== undefined) copy.paths = condition.paths.globs;
        if (condition.notPaths !== undefined) copy.notPaths = condition.notPaths.globs;
        return copy as unknown as TransferableCondition;
      }),
    }),
  );
  return { ...parts, notices };
}

/** How long rebuilding may hold the thread before letting other work run. */
const SLICE_MS = 10;

/** Resolves at once while the current slice is short, and after other work has had its turn once it is not. */
function createPause(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}

/**
 * The rule set again, matchers compiled and indexes built on this side. Compiling thousands of
 * globs takes a while, so it yields to other work every few milliseconds.
 */
export async function fromTransferable(transferred: TransferableRuleSet): Promise<RuleSet> {
  const pause = createPause();
  const notices: Notice[] = [];
  for (const notice of transferred.notices) {
    const conditions: Condition[] = [];
    for (const condition of notice.conditions) {
      // Copied, then replaced in place: keys keep their order, so the set serialises as one loaded here does.
      const copy: Record<string, unknown> = { ...condition };
      if (condition.paths !== undefined) copy.paths = await compilePathMatcherPaced(condition.paths, pause);
      if (condition.notPaths !== undefined) copy.notPaths = await compilePathMatcherPaced(condition.notPaths, pause);
      conditions.push(copy as unknown as Condition);
    }
    notices.push({ ...notice, conditions });
    await pause();
  }
  return createRuleSet({ ...transferred, notices });
}
