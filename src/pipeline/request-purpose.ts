import type { RequestHeaders } from './headers';

/**
 * What a request is for, as far as a notice is concerned: a whole page, or a part of one that
 * script puts into a page already on screen (which has its notice). Read from the request
 * headers only, once per request.
 */
export interface RequestPurpose {
  /**
   * Asks for a part of a page whatever comes back: a Turbo Frame (Turbo keeps only the matching
   * frame) or an htmx request that is not boosted (htmx swaps the answer into a target).
   */
  fragment: boolean;
  /** Sent by script (fetch, XHR) rather than by the browser loading a document. */
  byScript: boolean;
  /** Could be for an HTML document: what a 304 without a Content-Type is taken for. */
  forDocument: boolean;
}

/** The request headers that `fragment` reads, for `Vary`. */
export const FRAGMENT_REQUEST_HEADERS: readonly string[] = ['Turbo-Frame', 'HX-Request', 'HX-Boosted'];
/** The request headers that `byScript` reads, for `Vary`. */
export const SCRIPT_REQUEST_HEADERS: readonly string[] = ['Sec-Fetch-Dest', 'X-Requested-With'];

/** Fetch destinations of a browsing context: a document loaded there is a page of its own. */
const DOCUMENT_DESTINATIONS: ReadonlySet<string> = new Set([
  'document',
  'iframe',
  'frame',
  'embed',
  'object',
  'fencedframe',
]);

const HTML_ACCEPT = /text\/html|application\/xhtml\+xml/i;

export function requestPurpose(headers: RequestHeaders): RequestPurpose {
  const fragment =
    headers.get('turbo-frame') !== undefined ||
    (headers.get('hx-request') !== undefined && headers.get('hx-boosted') === undefined);
  const destination = headers.get('sec-fetch-dest');
  const byScript =
    (destination !== undefined && !DOCUMENT_DESTINATIONS.has(destination)) ||
    headers.get('x-requested-with') !== undefined;
  let forDocument: boolean;
  if (fragment) forDocument = false;
  else if (destination !== undefined && DOCUMENT_DESTINATIONS.has(destination)) forDocument = true;
  else if (destination !== undefined && destination !== 'empty') forDocument = false;
  else {
    const accept = headers.get('accept');
    forDocument = accept === undefined || HTML_ACCEPT.test(accept);
  }
  return { fragment, byScript, forDocument };
}
