import { isHtmlType, type ResponseFacts } from './body-plan';
import { startsAsDocument } from './document-start';
import type { RequestPurpose } from './request-purpose';

/** What is known of the body when the headers go out. */
export interface BodyStart {
  /** The whole body, when the application sent it in one piece; else its first bytes, if any were written yet. */
  bytes(): Uint8Array | undefined;
  /** Whether `bytes()` is the whole body. */
  readonly complete: boolean;
}

/**
 * What geonotice may do with a response, decided when its headers go out:
 * - `variable`: an HTML page on a path where a notice can apply; its caching headers follow the
 *   decision and notices go into its body;
 * - `fragment-shaped-page`: the same, for a page loaded as a document that starts like a fragment;
 * - `variable-unless-fragment`: asked for by script before its first bytes were known; it is
 *   treated as a page, and notices go in only if the body starts as a document;
 * - `fragment`: a part of a page for script to insert, left as the application wrote it;
 * - `other`: anything else (not HTML, no body), left exactly as the application set it.
 */
export type ResponseKind = 'variable' | 'fragment-shaped-page' | 'variable-unless-fragment' | 'fragment' | 'other';

export function responseKind(response: ResponseFacts, purpose: RequestPurpose, body: BodyStart | null): ResponseKind {
  const { status } = response;
  if (status < 200 || status === 204) return 'other';
  const type = response.headers.get('Content-Type');
  // A 304 carries no Content-Type: it stands for what the request was for.
  const html = type === undefined ? status === 304 && purpose.forDocument : isHtmlType(type);
  if (!html) return 'other';
  if (purpose.fragment) return 'fragment';
  const bytes = response.method === 'HEAD' || status === 304 ? undefined : body?.bytes();
  if (bytes === undefined) return purpose.byScript ? 'variable-unless-fragment' : 'variable';
  const document = startsAsDocument(bytes, body!.complete);
  if (document === false) return purpose.byScript ? 'fragment' : 'fragment-shaped-page';
  if (document === undefined && purpose.byScript) return 'variable-unless-fragment';
  return 'variable';
}
