/**
 * ETags and conditional requests for responses whose body depends on the decision.
 *
 * A page with a notice injected is a different representation from the page without it, so its
 * ETag carries a tag of the decision: `"abc"` becomes `"abc-gn1x2y3z"`. On the way in, the
 * request's validators are translated back: an If-None-Match entry with the current decision's tag
 * is stripped to the original ETag, so the application's own freshness check (Express's
 * `req.fresh`, serve-static) answers 304 exactly when the client's copy is right; any entry with
 * another tag, or none while notices now apply, is dropped, so that client gets a full 200.
 * If-Modified-Since cannot tell which notices a cached copy had, so it is dropped while notices apply.
 */

const TAG_PREFIX = '-gn';

/** A short, stable tag for one decision: the rules version and each notice's id and language. */
export function decisionTag(rulesVersion: string, notices: readonly { id: string; language: string }[]): string | null {
  if (notices.length === 0) return null;
  let hash = 0x811c9dc5;
  const text = `${rulesVersion}|${notices.map((notice) => `${notice.id}:${notice.language}`).join(',')}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * Rewrites If-None-Match / If-Modified-Since in place for a response that will carry `tag` (null:
 * unmodified). `forDocument` false (an image, a script, a stylesheet asked for by the browser)
 * keeps untagged validators: such a response is never modified, so its copy cannot lack a notice.
 */
export function translateConditionalHeaders(
  headers: Record<string, string | string[] | undefined>,
  tag: string | null,
  forDocument = true,
): void {
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.trim() !== '*') {
    const kept: string[] = [];
    for (const entry of ifNoneMatch.split(',')) {
      const etag = entry.trim();
      const at = etag.lastIndexOf(TAG_PREFIX);
      const tagged = at > 0 && etag.endsWith('"');
      if (tagged) {
        if (tag !== null && etag.slice(at + TAG_PREFIX.length, -1) === tag) kept.push(`${etag.slice(0, at)}"`);
      } else if (tag === null || !forDocument) {
        kept.push(etag);
      }
    }
    if (kept.length > 0) headers['if-none-match'] = kept.join(', ');
    else delete headers['if-none-match'];
  }
  if (tag !== null && forDocument && headers['if-modified-since'] !== undefined) delete headers['if-modified-since'];
}

/** The response ETag with the decision's tag, or unchanged when there is no ETag or no tag. */
export function tagEtag(etag: string | undefined, tag: string | null): string | undefined {
  if (tag === null || etag === undefined || !etag.endsWith('"')) return etag;
  return `${etag.slice(0, -1)}${TAG_PREFIX}${tag}"`;
}
