import { decide, decisionReadsAddress } from '../core/decide';
import { locatingNetwork } from '../core/networks';
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice, Visitor } from '../core/types';
import type { PagePlacement, Variance } from '../core/variance';
import type { GeoAnswer } from '../geo/chain';
import type { PreviewVisitor } from '../preview/token';
import { parseAcceptLanguage } from '../visitor/accept-language';
import { isHtmlType, planBody, type BodyPlan, type BodyPlanInput, type ResponseFacts } from './body-plan';
import { addVary } from './cache-headers';
import type { CachePolicy } from './cache-policy';
import { encodeMarkup } from './charset';
import { decisionTag, translateConditionalHeaders } from './conditional';
import type { DeliveryWatch } from './delivery-watch';
import { esiInclude, isShareable, mergeSurrogateControl, surrogateAssemblesEsi, type EsiRequest } from './esi';
import type { RequestHeaders } from './headers';
import type { Insertions } from './html/injector';
import { createInsertionBuilder } from './insertions';
import { renderNotice } from './markup';
import { FRAGMENT_REQUEST_HEADERS, SCRIPT_REQUEST_HEADERS, requestPurpose } from './request-purpose';
import { applyVisitorHeaders, type VisitorHeaders } from './response-headers';
import { responseKind, type BodyStart } from './response-kind';
import { NOTICE_CSS, renderStyleChoice, type StyleChoice } from './styles';
import { watchReads } from './watched-locals';

/** What templates get in `res.locals.geonotice`, and what the `endpoint` answers. */
export interface GeonoticeLocals {
  notices: readonly DecidedNotice[];
  visitor: Visitor;
  rulesVersion: string;
  /** False while the kill switch (`enabled`) keeps notices out of pages. */
  enabled: boolean;
}

/** The rules a request is decided on, with what the response path derives from them; a reload swaps it whole. */
export interface Served {
  ruleSet: RuleSet;
  variance: (path: string) => Variance;
}

/** What the engine needs of the site's options, checked and filled in by the adapter. */
export interface EngineOptions {
  render: ((notice: DecidedNotice) => string) | null;
  styles: boolean;
  stylesheet: string | null;
  header: boolean;
  delivery: 'inject' | 'esi';
  endpoint: string | null;
  esiPath: string;
  enabled: () => boolean;
  now: () => Date;
  cachePolicy: CachePolicy;
}

/** One request, as the adapter saw it. */
export interface RequestInput {
  method: string;
  /** The full URL path as sent, without the query. */
  path: string;
  headers: RequestHeaders;
  answer: GeoAnswer;
  preview: PreviewVisitor | null;
  /** The include this request asks for (`delivery: 'esi'`), or null. */
  include: EsiRequest | null;
  /** The client address, asked for only when the rules name networks. */
  address: () => string | null;
  /** The AS number the platform gives for the client (Cloudflare's `request.cf.asn`), asked for only when the rules name networks. */
  asn?: () => number | null;
  /**
   * The request's validators, where the runtime lets them be rewritten before the application
   * sees them (node:http): a copy's ETag carries the decision it was made for.
   */
  validators?: Record<string, string | string[] | undefined>;
}

/** A response the engine answers itself: the decision as JSON, an include, the stylesheet, a refused include. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** Empty for HEAD. */
  body: Uint8Array;
}

/** What the adapter does with the request. */
export type RequestOutcome =
  /** Answer it with this, without the application. */
  | { kind: 'answer'; answer: Answer; delivered: { endpoint: true } | { include: PagePlacement } }
  /** No notice can apply on this path: leave the response alone. */
  | { kind: 'pass' }
  /** The kill switch is off: pages go out as written, saying so. */
  | { kind: 'disabled' }
  /** Let the application answer, and run `atHeaders` when its headers go out. */
  | {
      kind: 'page';
      /** Whether `atHeaders` needs the body's first bytes (else it can run with `null`). */
      bodyMatters: boolean;
      atHeaders(response: ResponseFacts, body: BodyStart | null, hooks: PageHooks): BodyPlan | null;
    };

export interface PageHooks {
  onError: (error: Error) => void;
  watch: DeliveryWatch | null;
  /** Told why the body is left as it is, for a debug log; absent when nobody listens, so no reason is built. */
  skipped?: (reason: string) => void;
}

export interface Decision {
  visitor: Visitor;
  notices: readonly DecidedNotice[];
  /**
   * What `res.locals.geonotice` holds (and the endpoint answers). On a page an ESI surrogate may
   * share it notes being read, which makes the page private: the library itself never reads it.
   */
  locals: GeonoticeLocals;
  /** The version of the rules this was decided on. */
  rulesVersion: string;
  outcome: RequestOutcome;
  /** The rules' network that placed the visitor under an applying notice, for the audit record; null when none did. */
  network(): ReturnType<typeof locatingNetwork>;
}

const NO_NOTICES: readonly DecidedNotice[] = [];

class RequestDecision implements Decision {
  constructor(
    private readonly ruleSet: RuleSet,
    readonly visitor: Visitor,
    readonly notices: readonly DecidedNotice[],
    readonly locals: GeonoticeLocals,
    readonly outcome: RequestOutcome,
  ) {}

  get rulesVersion(): string {
    return this.ruleSet.version;
  }

  network(): ReturnType<typeof locatingNetwork> {
    return locatingNetwork(
      this.notices.flatMap((notice) => this.ruleSet.byId.get(notice.id) ?? []),
      this.visitor,
    );
  }
}
const HEAD_BODY = new Uint8Array(0);
const encoder = new TextEncoder();

/** The response path's logic, one per mounted middleware or edge handler, the same for every runtime. */
export interface Engine {
  decide(served: Served, input: RequestInput): Decision;
  /** The notice styles as a stylesheet (option `stylesheet`). */
  stylesheet(method: string): Answer;
}

export function createEngine(options: EngineOptions): Engine {
  const buildInsertions = createInsertionBuilder(options.render);
  const styles = options.stylesheet === null ? options.styles : options.styles && { href: options.stylesheet };
  // Decided notices are shared objects per rule set, so the common one-notice decision's tag is
  // computed once, not hashed again on every request.
  const singleTags = new WeakMap<DecidedNotice, string | null>();
  const tagFor = (version: string, injectable: readonly DecidedNotice[]): string | null => {
    const only = injectable.length === 1 ? injectable[0] : undefined;
    if (only === undefined) return decisionTag(version, injectable);
    let tag = singleTags.get(only);
    if (tag === undefined) singleTags.set(only, (tag = decisionTag(version, injectable)));
    return tag;
  };

  /** The includes a shared page carries, one per placement where a notice can apply, the styles with the first. */
  function buildEsiInsertions(
    placements: readonly PagePlacement[],
    pagePath: string,
    charset: string,
    style: StyleChoice | null,
  ): Insertions {
    const insertions: Insertions = {};
    placements.forEach((placement, index) => {
      const styleMarkup = index === 0 && style !== null ? renderStyleChoice(style) : '';
      const bytes = encodeMarkup(`${styleMarkup}${esiInclude(options.esiPath, placement, pagePath, charset)}`, charset);
      if (bytes === null) return;
      if (placement === 'body-start') insertions.bodyStart = bytes;
      else if (placement === 'marker') insertions.marker = bytes;
      else insertions.bodyEnd = bytes;
    });
    return insertions;
  }

  /** An include's answer: this visitor's notices for one placement of one page, as markup only, never stored. */
  function includeAnswer(method: string, include: EsiRequest, notices: readonly DecidedNotice[]): Answer {
    const markup = notices
      .filter((notice) => notice.placement === include.placement)
      .map((notice) => (options.render ? options.render(notice) : renderNotice(notice)))
      .join('');
    const bytes = encodeMarkup(markup, include.charset) ?? HEAD_BODY;
    return {
      status: 200,
      headers: {
        'Content-Type': `text/html; charset=${include.charset}`,
        'Cache-Control': 'private, no-store',
        'Content-Length': String(bytes.length),
      },
      body: method === 'HEAD' ? HEAD_BODY : bytes,
    };
  }

  function endpointAnswer(method: string, locals: GeonoticeLocals): Answer {
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'private, no-store',
        Vary: 'Accept-Language',
      },
      body: method === 'HEAD' ? HEAD_BODY : encoder.encode(JSON.stringify(locals)),
    };
  }

  /**
   * The headers a shared cache may key this visitor's page on, or null to keep it private: in
   * `vary` mode, unless the location came from the address or a preview token, or the decision
   * for that location still turns on the visitor's network, which no header tells.
   */
  function sharedBy(
    ruleSet: RuleSet,
    visitor: Visitor,
    answer: GeoAnswer,
    preview: PreviewVisitor | null,
  ): readonly string[] | null {
    const { cachePolicy } = options;
    if (cachePolicy.vary === null || preview !== null || !cachePolicy.shareable(answer)) return null;
    return decisionReadsAddress(ruleSet, visitor) ? null : cachePolicy.vary;
  }

  function decideRequest(served: Served, input: RequestInput): Decision {
    const { ruleSet, variance } = served;
    const { preview, include, answer } = input;
    // An include is decided for the page it goes into.
    const path = include?.path ?? input.path;
    const visitor: Visitor = {
      country: answer.location?.country ?? null,
      region: answer.location?.region ?? null,
      languages: parseAcceptLanguage(preview?.lang ?? input.headers.get('accept-language')),
      path,
    };
    // Only a rule set with `networks` reads the address; a preview stands for someone elsewhere.
    if (ruleSet.networks !== undefined && ruleSet.networks.size > 0 && preview === null) {
      visitor.address = input.address();
      const asn = input.asn?.() ?? null;
      if (asn !== null) visitor.asn = asn;
    }
    const notices = decide(ruleSet, visitor, options.now());
    const enabled = options.enabled();
    const plain: GeonoticeLocals = { notices, visitor, rulesVersion: ruleSet.version, enabled };
    // A page a surrogate will assemble is shared, unless its template renders the decision itself.
    const shared = options.delivery === 'esi' && enabled && include === null && surrogateAssemblesEsi(input.headers);
    let localsRead = false;
    const locals = shared ? watchReads(plain, () => (localsRead = true)) : plain;
    const decision = (outcome: RequestOutcome): Decision =>
      new RequestDecision(ruleSet, visitor, notices, locals, outcome);

    const readable = input.method === 'GET' || input.method === 'HEAD';
    if (options.endpoint !== null && path === options.endpoint && readable) {
      return decision({ kind: 'answer', answer: endpointAnswer(input.method, plain), delivered: { endpoint: true } });
    }
    if (include !== null) {
      return decision({
        kind: 'answer',
        answer: includeAnswer(input.method, include, notices),
        delivered: { include: include.placement },
      });
    }
    const pathVariance = variance(path);
    if (!pathVariance.any) return decision({ kind: 'pass' });
    if (!enabled) return decision({ kind: 'disabled' });

    const purpose = requestPurpose(input.headers);
    const injectable =
      purpose.fragment || notices.length === 0 ? NO_NOTICES : notices.filter((notice) => notice.placement !== 'none');
    const tag = tagFor(ruleSet.version, injectable);
    // A shared page's validators are everyone's: none of them is tied to this visitor's decision.
    if (input.validators !== undefined)
      translateConditionalHeaders(input.validators, shared ? null : tag, purpose.forDocument);
    const headers: VisitorHeaders = {
      variance: pathVariance,
      sharedBy: sharedBy(ruleSet, visitor, answer, preview),
      unstorable: preview !== null,
      noticeIds: options.header && notices.length > 0 ? notices.map((notice) => notice.id).join(', ') : null,
      decisionTag: tag,
    };

    const atHeaders = (response: ResponseFacts, body: BodyStart | null, hooks: PageHooks): BodyPlan | null => {
      const kind = responseKind(response, purpose, body);
      if (kind === 'other') {
        hooks.skipped?.(
          `not an HTML page with a body (status ${response.status}, Content-Type ${response.headers.get('Content-Type') ?? 'none'})`,
        );
        return null;
      }
      if (kind === 'fragment') {
        addVary(response.headers, purpose.fragment ? FRAGMENT_REQUEST_HEADERS : SCRIPT_REQUEST_HEADERS);
        hooks.skipped?.('a fragment for script to insert into a page: left as written');
        return null;
      }
      // The injection below depends on who asked, when the page starts as a fragment or is not known to start as a document.
      const undecided = kind === 'variable-unless-fragment';
      if (kind === 'fragment-shaped-page' || undecided) addVary(response.headers, SCRIPT_REQUEST_HEADERS);
      const plan = (build: BodyPlanInput['buildInsertions'], watch: DeliveryWatch | null): BodyPlan | null =>
        planBody({
          response,
          styles,
          buildInsertions: build,
          onlyIntoDocument: undecided,
          onError: hooks.onError,
          watch,
          skipped: hooks.skipped,
        });
      if (shared && !localsRead && isShareable(response.headers.get('Cache-Control'))) {
        // Varnish's built-in VCL stops honouring `private` once Surrogate-Control is there: it goes on shareable pages only.
        response.headers.set('Surrogate-Control', mergeSurrogateControl(response.headers.get('Surrogate-Control')));
        hooks.watch?.sharedPage();
        hooks.skipped?.('a shareable page for an ESI surrogate: includes in place of notices');
        if (pathVariance.placements.length === 0) return null;
        return plan((charset, style) => buildEsiInsertions(pathVariance.placements, path, charset, style), null);
      }
      applyVisitorHeaders(response, headers);
      if (injectable.length === 0) {
        hooks.skipped?.(
          notices.length === 0 ? 'no notice applies to this visitor' : 'no applying notice goes into the page',
        );
        return null;
      }
      return plan((charset, style) => buildInsertions(injectable, charset, style), hooks.watch);
    };
    // The body's first bytes matter where a notice may go into it, or where script asked for it and
    // a fragment keeps the application's headers; otherwise the headers alone are enough.
    const bodyMatters = injectable.length > 0 || shared || (purpose.byScript && !purpose.fragment);
    return decision({ kind: 'page', bodyMatters, atHeaders });
  }

  return {
    decide: decideRequest,
    stylesheet: (method) => stylesheetAnswer(method),
  };
}

const STYLESHEET_HEADERS = { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' };

/** The notice styles as a stylesheet: the same for every visitor, so any cache may keep it. */
function stylesheetAnswer(method: string): Answer {
  const css = stylesheetBytes();
  return {
    status: 200,
    headers: { ...STYLESHEET_HEADERS, 'Content-Length': String(css.length) },
    body: method === 'HEAD' ? HEAD_BODY : css,
  };
}

let stylesheet: Uint8Array | undefined;
function stylesheetBytes(): Uint8Array {
  return (stylesheet ??= encoder.encode(NOTICE_CSS));
}

/** Marks an HTML page that went out without notices because the kill switch is off. */
export function markDisabled(response: Pick<ResponseFacts, 'headers'>): void {
  if (isHtmlType(response.headers.get('Content-Type'))) response.headers.set('Geonotice-Status', 'disabled');
}
