import type { RuleSet } from '../core/rule-set';
import { namedSubdivisions } from '../core/named-subdivisions';
import type { GeoAnswer } from '../geo/chain';
import { cacheKeysOf } from '../geo/provider';

/**
 * How responses that differ by visitor are kept apart in shared caches. In `private` mode they
 * stay out of them. In `vary` mode a response stays shareable only when its decision rests on
 * request headers alone, and then it varies on every header the providers read; a decision that
 * rests on the client address is something no cache key can hold, so that response is private.
 */
export interface CachePolicy {
  /** The request headers shareable responses vary by; null in `private` mode. */
  vary: readonly string[] | null;
  /** Whether a response decided from this answer may be shared, keyed on `vary`. */
  shareable(answer: GeoAnswer): boolean;
}

/** The well-known region headers to suggest for a country header that comes without one. */
const REGION_HEADER_FOR: Readonly<Record<string, string>> = {
  'cf-ipcountry': 'cf-region-code',
};

export function createCachePolicy(configured: readonly string[] | null, providers: readonly object[]): CachePolicy {
  if (configured === null) return { vary: null, shareable: () => false };
  const keys = providers.map(cacheKeysOf);
  // An answer is keyed when every provider asked for it is: a provider that answered unknown
  // from the client address decided as much as the one that answered after it.
  let keyedPrefix = 0;
  while (keyedPrefix < keys.length && keys[keyedPrefix] !== undefined) keyedPrefix++;
  const vary = [...configured, ...keys.flatMap((key) => key?.headers ?? [])];
  return { vary, shareable: (answer) => answer.asked <= keyedPrefix };
}

/**
 * Why `vary` mode cannot serve these rules with these providers, or null: a provider whose header
 * carries only the country makes Crimea and Kyiv one cache key, so a rule on `UA-43` could never
 * be right for both.
 */
export function varyModeProblem(ruleSet: RuleSet, providers: readonly object[]): string | null {
  const subdivisions = namedSubdivisions(ruleSet);
  if (subdivisions.length === 0) return null;
  for (const provider of providers) {
    const keys = cacheKeysOf(provider);
    if (keys === undefined || keys.subdivisions || keys.headers.length === 0) continue;
    const header = keys.headers[0]!;
    const suggestion = REGION_HEADER_FOR[header];
    const fix =
      suggestion === undefined
        ? `name the header that carries the subdivision (cdnHeaderProvider({ header: '${header}', regionHeader: '…' }))`
        : `add the region header (cdnHeaderProvider({ header: '${header}', regionHeader: '${suggestion}' }), which Cloudflare sends with its visitor location headers)`;
    const shown = subdivisions.slice(0, 5).join(', ') + (subdivisions.length > 5 ? ', …' : '');
    return (
      `cache: { vary } with rules that name subdivisions (${shown}): the header ${header} gives the country only, ` +
      `so visitors of one country but different subdivisions would share a cached page; ${fix}, or use cache: 'private'`
    );
  }
  return null;
}

/** How responses that differ by visitor are kept out of shared caches. */
export type CacheOption =
  /** `Cache-Control: private` merged into every such response (the default). */
  | 'private'
  /**
   * Leave them shareable where the decision rests on request headers alone (a CDN's country and
   * region headers), varied on these headers and on every header the geo providers read; a
   * response located from the client address stays private.
   */
  | { vary: string | readonly string[] };
