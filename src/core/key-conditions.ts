/**
 * What an index key already answers. Every visitor served from one list of the decision index is
 * in the same place as far as `regions` can tell: in one subdivision, in one country at a
 * subdivision no rule lists, at an unknown location, or in a country no rule names. So a
 * condition's `regions` check, and often its `not_regions` check, has the same answer for all of
 * them. It is answered once, when the index is built, and a request checks only what is left.
 *
 * The conditions handed to the evaluator all have one shape (see uniformCondition).
 */
import { notRegionsHold, regionsHold, type Whereabouts } from './condition';
import type { Condition, RegionSet } from './types';

/**
 * A copy of a condition with every key present in one fixed order. Conditions written with
 * different keys would otherwise have different hidden classes, and the evaluator's property
 * reads would turn megamorphic and decisions slower.
 */
export function uniformCondition(condition: Condition): Condition {
  return {
    regions: condition.regions,
    notRegions: condition.notRegions,
    networks: condition.networks,
    notNetworks: condition.notNetworks,
    languages: condition.languages,
    notLanguages: condition.notLanguages,
    paths: condition.paths,
    notPaths: condition.notPaths,
    unknownLocation: condition.unknownLocation,
    source: condition.source,
  };
}

/** The location every visitor of one index list shares, as far as the rules' `regions` can tell. */
export type KeyLocation =
  /** In this subdivision of this country (the subdivision is listed in some `regions`). */
  | { readonly kind: 'subdivision'; readonly country: string; readonly subdivision: string }
  /** In this country, at a subdivision (if any) that no `regions` lists. */
  | { readonly kind: 'country'; readonly country: string }
  /** Location unknown. */
  | { readonly kind: 'unknown' }
  /** In a country that no `regions` names, at a subdivision that none lists. */
  | { readonly kind: 'elsewhere' };

/** Where the key's visitors are, as the region checks read it; null where the country varies. */
function whereaboutsAt(at: KeyLocation): Whereabouts | null {
  switch (at.kind) {
    case 'subdivision':
      return { country: at.country, region: at.subdivision };
    case 'country':
      // Their subdivision is listed by no `regions`, so only the country can meet a `regions` list.
      return { country: at.country, region: null };
    case 'unknown':
      return { country: null, region: null };
    case 'elsewhere':
      return null;
  }
}

/** `regions` at a key, with the evaluator's own check. */
function regionsHoldAt(condition: Condition, regions: RegionSet, at: KeyLocation): boolean {
  const whereabouts = whereaboutsAt(at);
  // Elsewhere is a country no `regions` names, at a subdivision none lists.
  return whereabouts !== null && regionsHold(condition, regions, whereabouts);
}

/** `not_regions` at a key: answered, or `check` when it depends on the visitor's subdivision or country. */
function notRegionsAt(regions: RegionSet, at: KeyLocation): 'holds' | 'fails' | 'check' {
  const whereabouts = whereaboutsAt(at);
  if (whereabouts === null) return regions.countries.size === 0 && regions.subdivisions.size === 0 ? 'holds' : 'check';
  if (!notRegionsHold(regions, whereabouts)) return 'fails';
  // A country key's visitors may be in any subdivision no `regions` lists, and `not_regions` may list it.
  return at.kind === 'country' && regions.subdivisions.size > 0 ? 'check' : 'holds';
}

// Not frozen: a frozen array has elements of another kind, one more shape for the evaluator's loop.
const HOLDS_FOR_ALL: readonly Condition[] = [];

/**
 * Narrows notices' conditions to index keys. The copies are shared: each condition has at most
 * two narrowed forms (without `regions`, and without `not_regions` too) and a one-condition list
 * of each, whatever the number of keys, which keeps a large rule set's index to about twice the
 * notices' own size.
 */
export function createNarrower(): (
  at: KeyLocation,
) => (conditions: readonly Condition[]) => readonly Condition[] | null {
  const narrowed = new Map<Condition, Map<boolean, readonly Condition[]>>();

  /** The condition without its region checks (keeping `not_regions` when asked), as a one-condition list. */
  function without(condition: Condition, keepNotRegions: boolean): readonly Condition[] {
    let forms = narrowed.get(condition);
    if (forms === undefined) narrowed.set(condition, (forms = new Map<boolean, readonly Condition[]>()));
    let list = forms.get(keepNotRegions);
    if (list === undefined) {
      const copy = uniformCondition({
        ...condition,
        regions: undefined,
        notRegions: keepNotRegions ? condition.notRegions : undefined,
      });
      forms.set(keepNotRegions, (list = [copy]));
    }
    return list;
  }

  /** One condition at `at`: true when it holds for every visitor there, false for none, else what is left. */
  function conditionAt(condition: Condition, at: KeyLocation): readonly Condition[] | boolean {
    if (condition.regions !== undefined && !regionsHoldAt(condition, condition.regions, at)) return false;
    const notRegions = condition.notRegions === undefined ? 'holds' : notRegionsAt(condition.notRegions, at);
    if (notRegions === 'fails') return false;
    const { networks, notNetworks, languages, notLanguages, paths, notPaths } = condition;
    const restHolds =
      networks === undefined &&
      notNetworks === undefined &&
      languages === undefined &&
      notLanguages === undefined &&
      paths === undefined &&
      notPaths === undefined;
    if (notRegions === 'holds' && restHolds) {
      return true;
    }
    return without(condition, notRegions === 'check');
  }

  /**
   * A notice's `when` list at `at`: an empty list when it holds for every visitor there (as a
   * notice without conditions does), null when it holds for none, else the conditions left to
   * check, any one of which must hold.
   */
  return (at) => (conditions) => {
    if (conditions.length === 0) return HOLDS_FOR_ALL;
    let left: readonly Condition[] | null = null;
    for (const condition of conditions) {
      const answer = conditionAt(condition, at);
      if (answer === true) return HOLDS_FOR_ALL;
      if (answer === false) continue;
      left = left === null ? answer : [...left, ...answer];
    }
    return left;
  };
}
