import type { Notice, RuleTestCase } from './types';

/** What the loader hands over: everything read from the files, nothing derived yet. */
export interface RuleSetParts {
  /** Content hash of the rule files (see rules/version). */
  version: string;
  notices: readonly Notice[];
  /** Named region sets, resolved to codes (`russia-occupied-ukraine` → `UA-43`, …), built-ins included. */
  regionSets: ReadonlyMap<string, readonly string[]>;
  tests: readonly RuleTestCase[];
  /** The files read, as given to the loader (relative where they were given relative). */
  files: readonly string[];
}

/**
 * A loaded, validated and indexed rule set. Immutable: a reload builds a new one.
 * TODO(core): the candidate index by country and subdivision is built here.
 */
export interface RuleSet extends RuleSetParts {
  /** Display order: priority descending, then id. */
  readonly notices: readonly Notice[];
  readonly byId: ReadonlyMap<string, Notice>;
}

/** Orders the notices and builds the lookup structures a decision needs. */
export function createRuleSet(parts: RuleSetParts): RuleSet {
  const notices = [...parts.notices].sort(
    (a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { ...parts, notices, byId: new Map(notices.map((notice) => [notice.id, notice])) };
}
