import type { RuleSet } from './rule-set';
import type { Condition, Notice, Placement } from './types';

/** The placements that put a notice into the page itself, in the order a page meets them. */
export type PagePlacement = Exclude<Placement, 'none'>;

/** What a response on some path can vary by, from one visitor to the next. */
export interface Variance {
  /** Some notice that can apply here depends on where the visitor is (their region, or their network). */
  region: boolean;
  /**
   * Some notice that can apply here depends on the visitor's address (a `networks` condition):
   * no request header a shared cache keys on carries it, so such a response must be private even
   * in `cache: { vary }` mode.
   */
  address: boolean;
  /** Some notice that can apply here depends on the visitor's languages (a condition, or a choice of message). */
  language: boolean;
  /** Some notice can apply on this path at all, to somebody. */
  any: boolean;
  /** Where in the page a notice that can apply here goes (`none` left out). */
  placements: readonly PagePlacement[];
}

const NONE: Variance = Object.freeze({
  region: false,
  address: false,
  language: false,
  any: false,
  placements: Object.freeze([]),
});
const PAGE_PLACEMENTS: readonly PagePlacement[] = ['body-start', 'marker', 'body-end'];

/**
 * Answers, per URL path, whether responses can differ between visitors: what decides the cache
 * headers and whether the response needs hooking at all. Built once per rule set; the notices
 * without path conditions fold into one constant, so a request only tests the path globs of the
 * few notices that have them.
 */
export function createVarianceLookup(ruleSet: RuleSet): (path: string) => Variance {
  let constant: Variance = NONE;
  const pathBound: { notice: Notice; conditions: readonly Condition[] }[] = [];
  for (const notice of ruleSet.notices) {
    if (notice.conditions.length === 0 || notice.conditions.some((c) => !c.paths && !c.notPaths)) {
      constant = merge(constant, noticeVariance(notice, notice.conditions));
    } else {
      pathBound.push({ notice, conditions: notice.conditions });
    }
  }
  if (pathBound.length === 0) return () => constant;

  return (path) => {
    let result = constant;
    for (const { notice, conditions } of pathBound) {
      if (result.region && result.address && result.language && result.placements.length === PAGE_PLACEMENTS.length)
        break;
      const open = conditions.filter(
        (c) => (!c.paths || c.paths.matchesAny(path)) && !(c.notPaths && c.notPaths.matchesEvery(path)),
      );
      if (open.length > 0) result = merge(result, noticeVariance(notice, open));
    }
    return result;
  };
}

function noticeVariance(notice: Notice, conditions: readonly Condition[]): Variance {
  // No conditions means "every visitor": nothing about the visitor matters but the language of the message.
  const byMessage = Object.keys(notice.messages).length > 1;
  const address = conditions.some((c) => c.networks !== undefined || c.notNetworks !== undefined);
  return {
    region: address || conditions.some((c) => c.regions !== undefined || c.notRegions !== undefined),
    address,
    language: byMessage || conditions.some((c) => c.languages !== undefined || c.notLanguages !== undefined),
    any: true,
    placements: notice.placement === 'none' ? [] : [notice.placement],
  };
}

function merge(a: Variance, b: Variance): Variance {
  const placementsCovered = b.placements.every((placement) => a.placements.includes(placement));
  if (
    (a.region || !b.region) &&
    (a.address || !b.address) &&
    (a.language || !b.language) &&
    (a.any || !b.any) &&
    placementsCovered
  )
    return a;
  return {
    region: a.region || b.region,
    address: a.address || b.address,
    language: a.language || b.language,
    any: a.any || b.any,
    placements: placementsCovered
      ? a.placements
      : PAGE_PLACEMENTS.filter((p) => a.placements.includes(p) || b.placements.includes(p)),
  };
}
