import type { Variance } from '../core/variance';
import { addVary, makePrivate, makeUnstorable } from './cache-headers';
import { tagEtag } from './conditional';
import type { ResponseHeaders } from './headers';

/** What one request's decision means for the headers of a variable response. */
export interface VisitorHeaders {
  variance: Variance;
  /**
   * The request headers a shared cache keys this response on (`cache: { vary }` with a decision
   * that rests on them alone); null when it must stay out of shared caches.
   */
  sharedBy: readonly string[] | null;
  /** A preview is one person's view of the site as someone else: no cache may keep it. */
  unstorable: boolean;
  /** The `Geonotice` header's value; null for none. */
  noticeIds: string | null;
  decisionTag: string | null;
}

const ACCEPT_LANGUAGE: readonly string[] = ['Accept-Language'];
const NO_HEADERS: readonly string[] = [];

/**
 * The headers of a variable response (an HTML page on a path where a notice can apply): kept out
 * of shared caches, or varied on what decides it; its ETag tied to the decision. Runs when the
 * headers are written, so it sees (and wins over) what the application set.
 */
export function applyVisitorHeaders(
  response: { status: number; headers: ResponseHeaders },
  headers: VisitorHeaders,
): void {
  const res = response.headers;
  const { variance, sharedBy } = headers;
  if (headers.unstorable) makeUnstorable(res);
  if (variance.region || variance.language) {
    if (sharedBy === null) {
      if (!headers.unstorable) makePrivate(res);
      if (variance.language) addVary(res, ACCEPT_LANGUAGE);
    } else {
      const byRegion = variance.region ? sharedBy : NO_HEADERS;
      addVary(res, variance.language ? [...byRegion, ...ACCEPT_LANGUAGE] : byRegion);
    }
  }
  if (headers.noticeIds !== null) res.set('Geonotice', headers.noticeIds);
  if (headers.decisionTag !== null && (response.status === 200 || response.status === 304)) {
    const etag = tagEtag(res.get('ETag'), headers.decisionTag);
    if (etag !== undefined) res.set('ETag', etag);
  }
}
