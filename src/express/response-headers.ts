import type { ServerResponse } from 'node:http';
import type { Variance } from '../core/variance';
import { mergePrivate, mergeVary } from './cache-headers';
import { tagEtag } from './conditional';

/**
 * Keeps a response that differs by visitor out of shared caches, and ties its ETag to the
 * decision. Runs when the headers are written, so it sees (and wins over) what the application set.
 */
export function applyVisitorHeaders(
  res: ServerResponse,
  variance: Variance,
  varyHeaders: readonly string[] | null,
  decisionTag: string | null,
): void {
  if (variance.region || variance.language) {
    if (varyHeaders === null) res.setHeader('Cache-Control', mergePrivate(res.getHeader('Cache-Control')));
    const vary = varyNames(variance, varyHeaders);
    if (vary.length > 0) res.setHeader('Vary', mergeVary(res.getHeader('Vary'), vary));
  }
  if (decisionTag !== null && (res.statusCode === 200 || res.statusCode === 304)) {
    const etag = tagEtag(res.getHeader('ETag'), decisionTag);
    if (etag !== undefined) res.setHeader('ETag', etag);
  }
}

const ACCEPT_LANGUAGE: readonly string[] = ['Accept-Language'];
const NO_NAMES: readonly string[] = [];

/** The request headers a response varies by; shared arrays in the common cases, as this runs per response. */
function varyNames(variance: Variance, varyHeaders: readonly string[] | null): readonly string[] {
  const byRegion = variance.region && varyHeaders !== null ? varyHeaders : NO_NAMES;
  if (!variance.language) return byRegion;
  return byRegion.length === 0 ? ACCEPT_LANGUAGE : [...byRegion, ...ACCEPT_LANGUAGE];
}
