import type { Condition, Notice } from '../core/types';
import { regionsContain } from './region-codes';

/**
 * Simple, sound tests for conditions and notices that can never apply. "Sound" means a warning
 * here is always true; many impossible rules are not caught, none is flagged wrongly.
 */

/** Why a condition can never hold for any visitor, or null when it might. */
export function impossibleConditionReason(condition: Condition): string | null {
  if (condition.unknownLocation === 'skip' && regionsAllExcluded(condition)) {
    return 'every region in "regions" is also excluded by "not_regions" (and unknown locations are skipped)';
  }
  if (condition.languages && condition.notLanguages && condition.languages.every((tag) => condition.notLanguages!.some((excluded) => tagCovers(excluded, tag)))) {
    return 'every language in "languages" is also excluded by "not_languages"';
  }
  if (condition.notPaths && condition.notPaths.globs.some(matchesEveryPath)) {
    return `"not_paths" excludes every path`;
  }
  if (condition.paths && condition.notPaths && condition.paths.globs.every((glob) => condition.notPaths!.globs.includes(glob))) {
    return 'every glob in "paths" is also in "not_paths"';
  }
  return null;
}

/**
 * A condition whose `regions` are all excluded still holds for visitors whose location is
 * unknown (`not_regions` excludes only known locations) when `unknown_location` is `match`.
 */
export function onlyUnknownLocationsReason(condition: Condition): string | null {
  if (condition.unknownLocation === 'match' && regionsAllExcluded(condition)) {
    return 'every region in "regions" is also excluded by "not_regions"';
  }
  return null;
}

/** True when the condition restricts nothing, so it holds for every visitor. */
export function conditionAlwaysHolds(condition: Condition): boolean {
  return (
    condition.regions === undefined &&
    condition.languages === undefined &&
    condition.paths === undefined &&
    condition.networks === undefined &&
    (condition.notNetworks === undefined || condition.notNetworks.written.length === 0) &&
    (condition.notRegions === undefined || condition.notRegions.written.length === 0) &&
    (condition.notLanguages === undefined || condition.notLanguages.length === 0) &&
    (condition.notPaths === undefined || condition.notPaths.globs.length === 0)
  );
}

/** True when the notice's `when` holds for every visitor. */
export function noticeAlwaysMatches(notice: Notice): boolean {
  return notice.conditions.length === 0 || notice.conditions.some(conditionAlwaysHolds);
}

/** True when the notice is active at `now` and stays active for good. */
export function activeFromNowOn(notice: Notice, now: Date): boolean {
  if (!notice.active) return true;
  if (notice.active.until) return false;
  return !notice.active.from || notice.active.from.getTime() <= now.getTime();
}

function regionsAllExcluded(condition: Condition): boolean {
  const { regions, notRegions } = condition;
  if (!regions || !notRegions || notRegions.written.length === 0) return false;
  const codes = [...regions.countries, ...regions.subdivisions];
  // An empty expansion (e.g. a set that failed to resolve) proves nothing.
  return codes.length > 0 && codes.every((code) => regionsContain(notRegions, code));
}

/** `excluded` matches every visitor tag that `tag` matches: equal, or a prefix of it. */
function tagCovers(excluded: string, tag: string): boolean {
  return tag === excluded || tag.startsWith(`${excluded}-`);
}

function matchesEveryPath(glob: string): boolean {
  return glob === '**' || glob === '/**';
}
