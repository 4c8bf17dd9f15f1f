import { buildDecisionIndex, type DecisionIndex } from './decision-index';
import type { NetworkDefinition } from './networks';
import { overrideRanks } from './overrides';
import type { Notice, RuleTestCase } from './types';

/** Where the rule set's AS-to-prefix table comes from: what `explain` and audits cite. */
export interface NetworkTableInfo {
  /** The dataset and its version, e.g. `@ip-location-db/asn 2.3.2026061719`. */
  dataset: string;
  /** `YYYY-MM-DD`: the date of the routing data. */
  date: string;
  attribution: string;
  /** The rule file that holds the table. */
  file: string;
}

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
  /** Named networks, their AS numbers resolved through the network table. */
  networks?: ReadonlyMap<string, NetworkDefinition>;
  /** The network table's provenance; null or absent when the rule set has none. */
  networkTable?: NetworkTableInfo | null;
}

/** A loaded, validated and indexed rule set. Immutable: a reload builds a new one. */
export interface RuleSet extends RuleSetParts {
  /** Display order: priority descending, then id. */
  readonly notices: readonly Notice[];
  readonly byId: ReadonlyMap<string, Notice>;
  /**
   * @internal The candidate index by country and subdivision that `decide` and `explain` use.
   * Not part of the public API; non-enumerable, so it stays out of JSON and object spreads.
   */
  readonly index: DecisionIndex;
}

/** Display order: priority descending, then id (code-unit order, the same on every machine). */
function displayOrder(a: Notice, b: Notice): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Orders the notices and builds the lookup structures a decision needs.
 * Throws when `overrides` form a cycle (the loader reports that earlier, with its location).
 */
export function createRuleSet(parts: RuleSetParts): RuleSet {
  const notices = [...parts.notices].sort(displayOrder);
  const byId = new Map(notices.map((notice) => [notice.id, notice]));
  const ruleSet: Omit<RuleSet, 'index'> = { ...parts, notices, byId };
  const index = buildDecisionIndex(notices, overrideRanks(notices));
  return Object.defineProperty(ruleSet, 'index', { value: index, enumerable: false }) as RuleSet;
}

/** Indexes rebuilt for rule-set copies that lost theirs (see decisionIndexOf). */
const rebuiltIndexes = new WeakMap<RuleSet, DecisionIndex>();

/**
 * @internal The index of a rule set. A copy made with object spread loses the non-enumerable
 * index; it is rebuilt once and remembered, so such a copy still decides correctly.
 */
export function decisionIndexOf(ruleSet: RuleSet): DecisionIndex {
  const own = (ruleSet as Partial<RuleSet>).index;
  if (own !== undefined) return own;
  let rebuilt = rebuiltIndexes.get(ruleSet);
  if (rebuilt === undefined) {
    const notices = [...ruleSet.notices].sort(displayOrder);
    rebuilt = buildDecisionIndex(notices, overrideRanks(notices));
    rebuiltIndexes.set(ruleSet, rebuilt);
  }
  return rebuilt;
}

/** Subdivision codes the rules name in `regions` or `not_regions`, sorted. */
export function namedSubdivisions(ruleSet: Pick<RuleSet, 'notices'>): string[] {
  const codes = new Set<string>();
  for (const notice of ruleSet.notices) {
    for (const condition of notice.conditions) {
      for (const regions of [condition.regions, condition.notRegions])
        regions?.subdivisions.forEach((code) => codes.add(code));
    }
  }
  return [...codes].sort();
}
