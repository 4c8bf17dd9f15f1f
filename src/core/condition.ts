/**
 * One condition object against one visitor. `decide` and `explain` share this evaluator: `decide`
 * passes no reason list, stops at the first key that fails and builds no strings; `explain` passes
 * a list, and every key present is checked and described (actual vs expected), so an auditor sees
 * all that failed, not only the first.
 */
import { firstMatchingTag } from './language';
import { describeNetworks, describeNotNetworks } from './network-reasons';
import { inNetworks } from './networks';
import type { Condition, RegionSet, Visitor } from './types';

/** How a visitor's location relates to a region list. */
type RegionHit = 'country' | 'subdivision' | 'none' | 'unknown';

/** The part of a visitor the region checks read (the decision index asks them of a location). */
export type Whereabouts = Pick<Visitor, 'country' | 'region'>;

function regionHit(regions: RegionSet, visitor: Whereabouts): RegionHit {
  if (visitor.country === null) return 'unknown';
  if (regions.countries.has(visitor.country)) return 'country';
  if (visitor.region !== null && regions.subdivisions.has(visitor.region)) return 'subdivision';
  return 'none';
}

function list(entries: readonly string[]): string {
  return `[${entries.join(', ')}]`;
}

function whereabouts(visitor: Visitor, hit: RegionHit): string {
  if (hit === 'country' || visitor.region === null) return `country ${visitor.country ?? '?'}`;
  if (hit === 'subdivision' || visitor.region.startsWith(`${visitor.country ?? ''}-`)) {
    return `region ${visitor.region}`;
  }
  return `region ${visitor.region} (country ${visitor.country ?? '?'})`;
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

// --- How to say why: only `explain` runs these -------------------------------------------------

function describeRegions(regions: RegionSet, visitor: Visitor, holds: boolean): string {
  const hit = regionHit(regions, visitor);
  if (hit === 'unknown') {
    return holds
      ? 'location unknown: regions holds because unknown_location is match'
      : 'location unknown: regions does not hold because unknown_location is skip';
  }
  return `${whereabouts(visitor, hit)} ${holds ? 'is in' : 'is not in'} regions ${list(regions.written)}`;
}

function describeNotRegions(regions: RegionSet, visitor: Visitor, holds: boolean): string {
  const hit = regionHit(regions, visitor);
  if (hit === 'unknown') {
    return 'location unknown: not_regions holds because it excludes only known locations';
  }
  return `${whereabouts(visitor, hit)} ${holds ? 'is not in' : 'is in'} not_regions ${list(regions.written)}`;
}

function describeLanguages(key: string, ruleTags: readonly string[], visitor: Visitor): string {
  const matched = firstMatchingTag(ruleTags, visitor.languages);
  if (matched !== undefined) return `language ${matched} matches ${key} ${list(ruleTags)}`;
  if (visitor.languages.length === 0) {
    return `no accepted language, so none matches ${key} ${list(ruleTags)}`;
  }
  if (visitor.languages.length === 1) {
    return `language ${visitor.languages[0]} does not match ${key} ${list(ruleTags)}`;
  }
  return `languages ${list(visitor.languages)} do not match ${key} ${list(ruleTags)}`;
}

function describePaths(key: string, globs: readonly string[], visitor: Visitor, matched: boolean): string {
  return `path ${visitor.path} ${matched ? 'matches' : 'does not match'} ${key} ${list(globs)}`;
}

/**
 * Whether every key present in `condition` holds for `visitor`. Without `reasons` it stops at
 * the first key that fails and builds no string. With `reasons`, every key present is checked and
 * one sentence per key is appended, ending with `suffix` (e.g. ` (condition 2)`).
 *
 * Written out key by key rather than as a table of checks: a loop over six check objects makes
 * one megamorphic call site that V8 cannot inline, which measurably slowed `decide`.
 */
export function evaluateCondition(
  condition: Condition,
  visitor: Visitor,
  reasons?: string[],
  suffix = '',
): boolean {
  let allHold = true;
  const { regions, notRegions, networks, notNetworks, languages, notLanguages, paths, notPaths } = condition;
  if (regions !== undefined) {
    const holds = regionsHold(condition, regions, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeRegions(regions, visitor, holds) + suffix);
    allHold &&= holds;
  }
  if (notRegions !== undefined) {
    const holds = notRegionsHold(notRegions, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeNotRegions(notRegions, visitor, holds) + suffix);
    allHold &&= holds;
  }
  if (networks !== undefined) {
    const holds = inNetworks(networks, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeNetworks(networks, visitor, holds) + suffix);
    allHold &&= holds;
  }
  if (notNetworks !== undefined) {
    const holds = !inNetworks(notNetworks, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeNotNetworks(notNetworks, visitor, holds) + suffix);
    allHold &&= holds;
  }
  if (languages !== undefined) {
    const holds = languagesHold(languages, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeLanguages('languages', languages, visitor) + suffix);
    allHold &&= holds;
  }
  if (notLanguages !== undefined) {
    const holds = !languagesHold(notLanguages, visitor);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describeLanguages('not_languages', notLanguages, visitor) + suffix);
    allHold &&= holds;
  }
  if (paths !== undefined) {
    const holds = paths.matchesAny(visitor.path);
    if (reasons === undefined && !holds) return false;
    reasons?.push(describePaths('paths', paths.globs, visitor, holds) + suffix);
    allHold &&= holds;
  }
  if (notPaths !== undefined) {
    const matched = notPaths.matchesEvery(visitor.path);
    if (reasons === undefined && matched) return false;
    reasons?.push(describePaths('not_paths', notPaths.globs, visitor, matched) + suffix);
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
