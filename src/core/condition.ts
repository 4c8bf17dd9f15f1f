/**
 * One condition object against one visitor. `decide` and `explain` share this evaluator: `decide`
 * passes no reason list, stops at the first key that fails and builds no strings; `explain` passes
 * a list, and every key present is checked and described (actual vs expected), so an auditor sees
 * all that failed, not only the first.
 */
import { firstMatchingTag } from './language';
import { inNetworks } from './networks';
import {
  describeLanguages,
  describeNetworks,
  describeNotRegions,
  describePaths,
  describeRegions,
  type ReasonLog,
  type RegionHit,
} from './reasons';
import type { Condition, RegionSet, Visitor } from './types';

/** The part of a visitor the region checks read (the decision index asks them of a location). */
export type Whereabouts = Pick<Visitor, 'country' | 'region'>;

export function regionHit(regions: RegionSet, visitor: Whereabouts): RegionHit {
  if (visitor.country === null) return 'unknown';
  if (regions.countries.has(visitor.country)) return 'country';
  if (visitor.region !== null && regions.subdivisions.has(visitor.region)) return 'subdivision';
  return 'none';
}

// --- Whether each key holds: the logic `decide` runs ------------------------------------------

export function regionsHold(condition: Condition, regions: RegionSet, visitor: Whereabouts): boolean {
  const hit = regionHit(regions, visitor);
  return hit === 'unknown' ? condition.unknownLocation === 'match' : hit !== 'none';
}

/** `not_regions` excludes only visitors known to be in one of its regions. */
export function notRegionsHold(regions: RegionSet, visitor: Whereabouts): boolean {
  const hit = regionHit(regions, visitor);
  return hit === 'unknown' || hit === 'none';
}

function languagesHold(ruleTags: readonly string[], visitor: Visitor): boolean {
  return firstMatchingTag(ruleTags, visitor.languages) !== undefined;
}

/**
 * Whether every key present in `condition` holds for `visitor`. Without `reasons` it stops at
 * the first key that fails and builds no string. With `reasons`, every key present is checked and
 * described, in a machine line and a plain sentence (see reasons.ts).
 *
 * Written out key by key rather than as a table of checks: a loop over six check objects makes
 * one megamorphic call site that V8 cannot inline, which measurably slowed `decide`.
 */
export function evaluateCondition(condition: Condition, visitor: Visitor, reasons?: ReasonLog): boolean {
  let allHold = true;
  const { regions, notRegions, networks, notNetworks, languages, notLanguages, paths, notPaths } = condition;
  if (regions !== undefined) {
    const holds = regionsHold(condition, regions, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined)
      describeRegions(reasons, regions, visitor, regionHit(regions, visitor), condition.unknownLocation, holds);
    allHold &&= holds;
  }
  if (notRegions !== undefined) {
    const holds = notRegionsHold(notRegions, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describeNotRegions(reasons, notRegions, visitor, regionHit(notRegions, visitor), holds);
    allHold &&= holds;
  }
  if (networks !== undefined) {
    const holds = inNetworks(networks, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describeNetworks(reasons, networks, visitor, 'networks');
    allHold &&= holds;
  }
  if (notNetworks !== undefined) {
    const holds = !inNetworks(notNetworks, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describeNetworks(reasons, notNetworks, visitor, 'not_networks');
    allHold &&= holds;
  }
  if (languages !== undefined) {
    const holds = languagesHold(languages, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describeLanguages(reasons, 'languages', languages, visitor);
    allHold &&= holds;
  }
  if (notLanguages !== undefined) {
    const holds = !languagesHold(notLanguages, visitor);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describeLanguages(reasons, 'not_languages', notLanguages, visitor);
    allHold &&= holds;
  }
  if (paths !== undefined) {
    const holds = paths.matchesAny(visitor.path);
    if (reasons === undefined && !holds) return false;
    if (reasons !== undefined) describePaths(reasons, 'paths', paths.globs, visitor, holds);
    allHold &&= holds;
  }
  if (notPaths !== undefined) {
    const matched = notPaths.matchesEvery(visitor.path);
    if (reasons === undefined && matched) return false;
    if (reasons !== undefined) describePaths(reasons, 'not_paths', notPaths.globs, visitor, matched);
    allHold &&= !matched;
  }
  return allHold;
}

/** Whether any condition of a `when` list holds; an empty list holds for every visitor. */
export function anyConditionHolds(conditions: readonly Condition[], visitor: Visitor): boolean {
  if (conditions.length === 0) return true;
  for (const condition of conditions) {
    if (evaluateCondition(condition, visitor)) return true;
  }
  return false;
}
