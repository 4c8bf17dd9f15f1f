import { ErrorCodes, GeonoticeError } from '../errors';
import { hasNoTransform } from './cache-headers';
import { createCharsetAwareInjector, settleCharset, type PageInjector } from './charset-sniff';
import { contentCodingOf, type ContentCoding } from './content-coding';
import { inlineStyleAllowed } from './csp';
import { createDeferredInjector } from './deferred-injector';
import type { DeliveryWatch } from './delivery-watch';
import { startsAsDocument } from './document-start';
import { createFailSafeInjector } from './fail-safe-injector';
import type { ResponseHeaders } from './headers';
import { createHtmlInjector, type Insertions } from './html/injector';
import type { StyleChoice } from './styles';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Whether a Content-Type header names an HTML page (`text/html` or `application/xhtml+xml`). */
export function isHtmlType(type: string | undefined): boolean {
  return type !== undefined && HTML_TYPE.test(type);
}

/** What the pipeline is told of a response when its headers are about to go out. */
export interface ResponseFacts {
  method: string;
  status: number;
  headers: ResponseHeaders;
  /** The page's CSP nonce (helmet's `res.locals.cspNonce`), for the inline styles. */
  cspNonce?: string | undefined;
  /** For messages: which page this is. */
  url: string;
}

/** Why a response is left as it is; for tests and debugging, never shown to visitors. */
export type PassReason = 'head' | 'status' | 'not-html' | 'no-transform';

/**
 * The checks `compression` makes before touching a body, ours in the same order, except that
 * HEAD comes last: a HEAD response is never given a body, but when the same GET would be
 * injected, its Content-Length (the length of the page without the notice) must go.
 */
export function passReason(response: ResponseFacts): PassReason | null {
  const { status, headers } = response;
  if (status < 200 || status === 204 || status === 206 || status === 304) return 'status';
  if (!isHtmlType(headers.get('Content-Type'))) return 'not-html';
  if (hasNoTransform(headers.get('Cache-Control'))) return 'no-transform';
  if (response.method === 'HEAD') return 'head';
  return null;
}

/**
 * How a page's body is to be injected, decided when its headers go out. The runtime's adapter
 * runs it: it feeds the bytes (decoded first when `coding` says the body is compressed) through
 * `injector()`, or hands a body it already holds whole to `whole`.
 */
export interface BodyPlan {
  /** The content coding of the body as the application sent it. */
  coding: ContentCoding;
  /** A fresh injector for the page's bytes: never throws, and passes the page through unchanged when it cannot place anything. */
  injector(): PageInjector;
  /**
   * The whole page at once (an uncompressed body the application handed over in one piece): the
   * pieces to send instead, or null to send it unchanged. Running at once keeps Content-Length exact.
   */
  whole?: (body: Uint8Array) => Uint8Array[] | null;
}

export interface BodyPlanInput {
  response: ResponseFacts;
  /** Notice styles: inline where the page's CSP allows, or as a stylesheet at this path (`href`); false for none. */
  styles: boolean | { href: string };
  buildInsertions: (charset: string, styles: StyleChoice | null) => Insertions | null;
  /**
   * The page was asked for by script and its headers went out before its first bytes: inject only
   * once those bytes show a document, never into a fragment that script will put into a page.
   */
  onlyIntoDocument: boolean;
  onError: (error: Error) => void;
  /** Told of the injector (whose report says what was placed) and of a failed injection, for the audit record. */
  watch?: Pick<DeliveryWatch, 'injector' | 'injectionFailed'> | null;
  /** Told why the body is left as it is, for a debug log (see `PageHooks`). */
  skipped?: ((reason: string) => void) | undefined;
}

const PASS_REASONS: Record<PassReason, string> = {
  head: 'a HEAD response: headers only',
  status: 'a status without a body to change',
  'not-html': 'not HTML',
  'no-transform': 'Cache-Control: no-transform',
};

/** How far into a body a document's start is looked for before it is taken for a fragment. */
const DOCUMENT_START_LIMIT = 4096;

/** Decides, when the headers go out, whether and how this response's body gets the notices. */
export function planBody({
  response,
  styles,
  buildInsertions,
  onlyIntoDocument,
  onError,
  watch,
  skipped,
}: BodyPlanInput): BodyPlan | null {
  const reason = passReason(response);
  if (reason !== null) skipped?.(PASS_REASONS[reason]);
  if (reason !== null && reason !== 'head') return null;
  const head = reason === 'head';
  const { headers } = response;

  const coding = contentCodingOf(headers.get('Content-Encoding'));
  if (coding === null) {
    if (!head) {
      const named = headers.get('Content-Encoding') ?? '';
      onError(
        new GeonoticeError(
          ErrorCodes.encoding,
          `geonotice: cannot decode Content-Encoding "${named}" on ${response.url}; passed through without notices`,
        ),
      );
    }
    return null;
  }

  const declared = CHARSET.exec(headers.get('Content-Type') ?? '')?.[1]?.toLowerCase() ?? null;
  const nonce = response.cspNonce;
  let style: StyleChoice | null = null;
  if (typeof styles === 'object') style = styles;
  else if (styles && inlineStyleAllowed(headers.get('Content-Security-Policy'), nonce))
    style = nonce === undefined ? {} : { nonce };
  // Built for the declared charset now, so that a page in a charset markup cannot be written in
  // (UTF-16) keeps its Content-Length and is never changed; a page without a declared charset
  // gets its insertions once its first bytes tell the charset.
  const insertions = declared === null ? undefined : buildInsertions(declared, style);
  if (insertions === null) {
    skipped?.(`the charset ${declared ?? ''} cannot carry the notice`);
    return null;
  }

  // The body will differ from the one the application described: byte ranges of it are not on
  // offer, and its new length is not known yet.
  headers.delete('Accept-Ranges');
  headers.delete('Content-Length');
  if (head) return null;

  const injectorFor = (charset: string): PageInjector | null => {
    const forCharset = charset === declared ? insertions : buildInsertions(charset, style);
    if (forCharset === null || forCharset === undefined) return null;
    const injector = createHtmlInjector(forCharset);
    watch?.injector(injector.report);
    return injector;
  };
  const injectionFailed = (error: unknown): void => {
    const cause = error instanceof Error ? error : new Error(String(error));
    watch?.injectionFailed();
    onError(new GeonoticeError(ErrorCodes.inject, `geonotice: injection failed: ${cause.message}`, { cause }));
  };
  const pageInjector = (): PageInjector => createCharsetAwareInjector(declared, injectorFor);
  const documentInjector = (): PageInjector =>
    createDeferredInjector((start, complete) => {
      const document = startsAsDocument(start, complete || start.length >= DOCUMENT_START_LIMIT);
      return document === undefined ? undefined : document ? pageInjector() : null;
    });
  const injector = (): PageInjector =>
    createFailSafeInjector(onlyIntoDocument ? documentInjector : pageInjector, injectionFailed);
  if (coding !== 'identity') return { coding, injector };
  return {
    coding,
    injector,
    // The whole page is here: its charset is settled from it directly and a failure sends it as
    // written, which is what the charset-aware and fail-safe wrappers do for a streamed page, with
    // fewer objects per request.
    whole: (body) => {
      try {
        const forCharset = injectorFor(settleCharset(body, declared, true) ?? 'utf-8');
        return forCharset === null ? null : forCharset.end(body);
      } catch (error) {
        injectionFailed(error);
        return null;
      }
    },
  };
}
