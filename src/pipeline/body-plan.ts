import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCodes, GeonoticeError } from '../errors';
import { inlineStyleAllowed } from './csp';
import type { StyleChoice } from './styles';
import { createHtmlInjector, type Insertions } from './html/injector';
import { createCharsetAwareInjector, settleCharset, type PageInjector } from './charset-sniff';
import { createDeferredInjector } from './deferred-injector';
import { startsAsDocument } from './document-start';
import { createFailSafeInjector } from './fail-safe-injector';
import { encodedTransform, isSupportedEncoding, plainTransform } from '../adapters/node-http/body-transform';
import { hasNoTransform } from './cache-headers';
import type { BodyPlan } from '../adapters/node-http/response-hook';
import type { DeliveryWatch } from './decision-record';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Whether a Content-Type header names an HTML page (`text/html` or `application/xhtml+xml`). */
export function isHtmlType(type: string | number | readonly string[] | undefined): boolean {
  return typeof type === 'string' && HTML_TYPE.test(type);
}

/** Why a response is left as it is; for tests and debugging, never shown to visitors. */
export type PassReason = 'head' | 'status' | 'not-html' | 'no-transform';

/**
 * The checks `compression` makes before touching a body, ours in the same order, except that
 * HEAD comes last: a HEAD response is never given a body, but when the same GET would be
 * injected, its Content-Length (the length of the page without the notice) must go.
 */
export function passReason(req: IncomingMessage, res: ServerResponse): PassReason | null {
  const status = res.statusCode;
  if (status < 200 || status === 204 || status === 206 || status === 304) return 'status';
  const type = res.getHeader('Content-Type');
  if (!isHtmlType(type)) return 'not-html';
  if (hasNoTransform(res.getHeader('Cache-Control'))) return 'no-transform';
  if (req.method === 'HEAD') return 'head';
  return null;
}

export interface BodyPlanInput {
  req: IncomingMessage;
  res: ServerResponse & { locals?: Record<string, unknown> };
  /** Notice styles: inline where the page's CSP allows, or as a stylesheet at this path (`href`); false for none. */
  styles: boolean | { href: string };
  buildInsertions: (charset: string, styles: StyleChoice | null) => Insertions | null;
  /**
   * The page was asked for by script and its headers went out before its first bytes: inject only
   * once those bytes show a document, never into a fragment that script will put into a page.
   */
  onlyIntoDocument: boolean;
  /** The cap on the decoded size of a compressed body. */
  maxDecodedBytes: number;
  onError: (error: Error) => void;
  /** Told of the injector (whose report says what was placed) and of a failed injection, for the audit record. */
  watch?: Pick<DeliveryWatch, 'injector' | 'injectionFailed'> | null;
}

/** How far into a body a document's start is looked for before it is taken for a fragment. */
const DOCUMENT_START_LIMIT = 4096;

/** Decides, at header time, whether and how this response's body gets the notices. */
export function planBody({ req, res, styles, buildInsertions, onlyIntoDocument, maxDecodedBytes, onError, watch }: BodyPlanInput): BodyPlan | null {
  const reason = passReason(req, res);
  if (reason !== null && reason !== 'head') return null;
  const head = reason === 'head';

  const encodingHeader = res.getHeader('Content-Encoding');
  const encoding = typeof encodingHeader === 'string' ? encodingHeader.trim().toLowerCase() : 'identity';
  if (encoding !== 'identity' && !isSupportedEncoding(encoding)) {
    if (!head) {
      onError(new GeonoticeError(ErrorCodes.encoding, `geonotice: cannot decode Content-Encoding "${encoding}" on ${req.url ?? ''}; passed through without notices`));
    }
    return null;
  }

  const type = String(res.getHeader('Content-Type'));
  const declared = CHARSET.exec(type)?.[1]?.toLowerCase() ?? null;
  const nonce = typeof res.locals?.cspNonce === 'string' ? res.locals.cspNonce : undefined;
  let style: StyleChoice | null = null;
  if (typeof styles === 'object') style = styles;
  else if (styles && inlineStyleAllowed(res.getHeader('Content-Security-Policy'), nonce)) style = nonce === undefined ? {} : { nonce };
  // Built for the declared charset now, so that a page in a charset markup cannot be written in
  // (UTF-16) keeps its Content-Length and is never hooked; a page without a declared charset
  // gets its insertions once its first bytes tell the charset.
  const insertions = declared === null ? undefined : buildInsertions(declared, style);
  if (insertions === null) return null;

  // The body will differ from the one the application described: byte ranges of it are not on
  // offer, and a HEAD response cannot know the new length, so it declares none.
  res.removeHeader('Accept-Ranges');
  if (head) {
    res.removeHeader('Content-Length');
    return null;
  }
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
    createDeferredInjector((head, complete) => {
      const document = startsAsDocument(head, complete || head.length >= DOCUMENT_START_LIMIT);
      return document === undefined ? undefined : document ? pageInjector() : null;
    });
  const injector = (): PageInjector => createFailSafeInjector(onlyIntoDocument ? documentInjector : pageInjector, injectionFailed);
  if (encoding !== 'identity') {
    return { create: (sink) => encodedTransform(injector(), encoding, sink, maxDecodedBytes) };
  }
  return {
    create: (sink) => plainTransform(injector(), sink),
    // The whole page is here: its charset is settled from it directly and a failure sends it as
    // written, which is what the charset-aware and fail-safe wrappers do for a streamed page.
    // Going through those wrappers instead (`injector().end(body)`) gives the same bytes and
    // allocates 1.6 KB more per request (`node bench/alloc.js geonotice 31.135.112.1`).
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
