/**
 * The whole comparison of two rule sets that `geonotice diff` prints: what visitors see
 * differently (decision-diff.ts) and what the rules say differently (content-diff.ts), and the
 * verdict: identical, different in bytes alone (comments, formatting), or different.
 */
import type { RuleSet } from '../core/rule-set';
import { contentDiffers, diffContent, type ContentDiff } from './content-diff';
import { diffDecisions, type DecisionDiff, type DecisionDiffOptions } from './decision-diff';

/**
 * `identical`: the same files, byte for byte (the same rules version). `bytes-only`: the files
 * differ, but nothing the rules say does. `different`: something a visitor sees or an auditor
 * reads differs.
 */
export type DiffVerdict = 'identical' | 'bytes-only' | 'different';

export interface RuleSetDiff {
  verdict: DiffVerdict;
  decisions: DecisionDiff;
  content: ContentDiff;
}

export function diffRuleSets(
  before: RuleSet,
  after: RuleSet,
  at: Date,
  options: DecisionDiffOptions = {},
): RuleSetDiff {
  const decisions = diffDecisions(before, after, at, options);
  const content = diffContent(before, after);
  const different = decisions.changes.length > 0 || contentDiffers(content);
  const verdict: DiffVerdict = different ? 'different' : before.version === after.version ? 'identical' : 'bytes-only';
  return { verdict, decisions, content };
}
