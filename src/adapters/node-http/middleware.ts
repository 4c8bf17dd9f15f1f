import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import { decide } from '../../core/decide';
import type { RuleSet } from '../../core/rule-set';
import type { DecidedNotice, Visitor } from '../../core/types';
import { createVarianceLookup } from '../../core/variance';
import { ErrorCodes, GeonoticeError } from '../../errors';
import { locate, type GeoAnswer } from '../../geo/chain';
import { normaliseIp } from '../../geo/ip';
import { geoipLiteProvider } from '../../geo/geoip-lite';
import { loadRules } from '../../rules';
import { parseAcceptLanguage } from '../../visitor/accept-language';
import { isHtmlType, planBody, type BodyPlanInput } from '../../pipeline/body-plan';
import { resolveConfig } from './config';
import { decisionTag, translateConditionalHeaders } from '../../pipeline/conditional';
import { createInsertionBuilder } from '../../pipeline/insertions';
import type { DecisionRecord, GeonoticeOptions } from './options';
import { sourceOf, watchDelivery, type DeliveryWatch } from '../../pipeline/decision-record';
import { hookResponse, type BodyStart } from './response-hook';
import { createAuditLog } from './audit-log';
import { previewVisitor } from './preview';
import { createRuleSource, type RulesStatus } from './rule-source';
import type { PreviewVisitor } from '../../preview/token';
import { applyVisitorHeaders, type VisitorHeaders } from '../../pipeline/response-headers';
import { createCachePolicy, varyModeProblem } from '../../pipeline/cache-policy';
import { addVary } from '../../pipeline/cache-headers';
import { FRAGMENT_REQUEST_HEADERS, SCRIPT_REQUEST_HEADERS, requestPurpose, type RequestPurpose } from '../../pipeline/request-purpose';
import { startsAsDocument } from '../../pipeline/document-start';
import { NOTICE_CSS, renderStyleChoice, type StyleChoice } from '../../pipeline/styles';
import type { Insertions } from '../../pipeline/html/injector';
import { encodeMarkup } from '../../pipeline/charset';
import { renderNotice } from '../../pipeline/markup';
import { esiInclude, isShareable, mergeSurrogateControl, parseEsiRequest, surrogateAssemblesEsi, type EsiRequest } from '../../pipeline/esi';
import { watchReads } from '../../pipeline/watched-locals';
import type { PagePlacement } from '../../core/variance';
import { createTrustProxyWatch, warnIfGeoDataIsOld, warnIfNoProviderGivesSubdivisions } from './start-up-warnings';

/** What templates get in `res.locals.geonotice`, and what the `endpoint` answers. */
export interface GeonoticeLocals {
  notices: readonly DecidedNotice[];
  visitor: Visitor;
  rulesVersion: string;
  /** False while the kill switch (`enabled`) keeps notices out of pages. */
  enabled: boolean;
}

export type GeonoticeRequest = IncomingMessage & { ip?: string | undefined; originalUrl?: string };
export type GeonoticeResponse = ServerResponse & { locals?: Record<string, unknown> };

/** What `status()` reports: the rules in use, the last reload problem, and audit records dropped. */
export interface GeonoticeStatus extends RulesStatus {
  auditDropped: number;
}

/** Typed against node:http, so it serves Express 4, Express 5 and a plain `http` server alike. */
export interface GeonoticeMiddleware {
  (req: GeonoticeRequest, res: GeonoticeResponse, next: (error?: unknown) => void): void;
  /** The rule set version in use, when it was loaded, and the last failed reload (with `watch`). */
  status(): GeonoticeStatus;
  /** Stops watching the rule files and flushes the audit log. */
  close(): Promise<void>;
}

const HANDLED_KEY = Symbol.for('geonotice.handled');
/**
 * The requests already handled, so a middleware mounted twice still gives one notice. Kept beside
 * the requests rather than marked on them: Express gives every request object a shape of its own,
 * so adding a property to one builds a new hidden class each time. Shared through the global
 * symbol registry, so that two copies of geonotice in one process agree.
 */
type HandledRegistry = { [HANDLED_KEY]?: WeakSet<IncomingMessage> };
const handled = ((globalThis as HandledRegistry)[HANDLED_KEY] ??= new WeakSet<IncomingMessage>());

const NO_NOTICES: readonly DecidedNotice[] = [];

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
type ResponseKind = 'variable' | 'fragment-shaped-page' | 'variable-unless-fragment' | 'fragment' | 'other';

function responseKind(req: IncomingMessage, res: ServerResponse, purpose: RequestPurpose, body: BodyStart | null): ResponseKind {
  const status = res.statusCode;
  if (status < 200 || status === 204) return 'other';
  const type = res.getHeader('Content-Type');
  // A 304 carries no Content-Type: it stands for what the request was for.
  const html = type === undefined ? status === 304 && purpose.forDocument : isHtmlType(type);
  if (!html) return 'other';
  if (purpose.fragment) return 'fragment';
  const bytes = req.method === 'HEAD' || status === 304 ? undefined : body?.bytes();
  if (bytes === undefined) return purpose.byScript ? 'variable-unless-fragment' : 'variable';
  const document = startsAsDocument(bytes, body!.complete);
  if (document === false) return purpose.byScript ? 'fragment' : 'fragment-shaped-page';
  if (document === undefined && purpose.byScript) return 'variable-unless-fragment';
  return 'variable';
}

const STYLESHEET = Buffer.from(NOTICE_CSS);

/** The notice styles as a stylesheet: the same for every visitor, so any cache may keep it. */
function serveStylesheet(req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/css; charset=utf-8');
  res.setHeader('Cache-Control', 'public, max-age=86400');
  res.setHeader('Content-Length', STYLESHEET.length);
  res.end(req.method === 'HEAD' ? undefined : STYLESHEET);
}

function isRuleSet(value: GeonoticeOptions['rules']): value is RuleSet {
  return typeof value === 'object' && !Array.isArray(value);
}

function requestPath(req: GeonoticeRequest): string {
  const url = req.originalUrl ?? req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Creates the middleware. Everything that can be checked or computed once is done here: options
 * checked, rules loaded, validated and indexed (a broken rule set throws now, at start-up, with
 * every problem listed, rather than serving without its notices). Per request only the visitor is
 * located, the index consulted and the response hooked where a notice can change it.
 */
export function geonotice(options: GeonoticeOptions): GeonoticeMiddleware {
  const config = resolveConfig(options, arguments.length);
  const initialRules = isRuleSet(config.rules) ? config.rules : loadRules(config.rules);
  const providers = config.geo ?? [geoipLiteProvider({ preload: true })];
  const cachePolicy = createCachePolicy(config.varyHeaders, providers);
  // In `vary` mode a cache keys pages on the providers' headers: those must tell apart every
  // subdivision the rules name, or one subdivision's page would be served to another.
  const refuse = (ruleSet: RuleSet): string | null => (cachePolicy.vary === null ? null : varyModeProblem(ruleSet, providers));
  const refusal = refuse(initialRules);
  if (refusal !== null) throw new GeonoticeError(ErrorCodes.options, `geonotice: ${refusal}`);
  // What a request is served from; a reload swaps it whole, so a request in flight keeps its own.
  let served = { ruleSet: initialRules, variance: createVarianceLookup(initialRules) };
  if (config.geoWarnings) {
    warnIfGeoDataIsOld(providers, config.now());
    warnIfNoProviderGivesSubdivisions(providers, initialRules);
  }
  const buildInsertions = createInsertionBuilder(config.render);
  const rulePaths = isRuleSet(config.rules) ? null : typeof config.rules === 'string' ? [config.rules] : [...config.rules];
  const rules = createRuleSource(initialRules, rulePaths, {
    watch: config.watch,
    onError: (error) => report(error),
    onReload: (ruleSet) => {
      served = { ruleSet, variance: createVarianceLookup(ruleSet) };
    },
    refuse,
  });
  const styles = config.stylesheet === null ? config.styles : config.styles && { href: config.stylesheet };
  const audit =
    config.audit.destination === null
      ? null
      : createAuditLog(config.audit.destination, {
          key: config.audit.key,
          checkpointEvery: config.audit.checkpointEvery,
          describe: { ip: typeof config.audit.ip === 'string' ? config.audit.ip : 'hmac' },
          onError: (error) => report(error),
          now: config.now,
        });
  const sourceNamed = sourceOf(providers);
  const watchTrustProxy = createTrustProxyWatch();
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
  const report = (error: unknown, req?: IncomingMessage): void => {
    try {
      config.onError(error instanceof Error ? error : new Error(String(error)), req);
    } catch {
      // An error handler that throws must not turn a page into a 500 either.
    }
  };

  function respond(
    req: GeonoticeRequest,
    res: GeonoticeResponse,
    next: (error?: unknown) => void,
    answer: GeoAnswer,
    preview: PreviewVisitor | null,
    include: EsiRequest | null,
  ): void {
    const { ruleSet, variance } = served;
    // An include is decided for the page it goes into.
    const path = include?.path ?? requestPath(req);
    const visitor: Visitor = {
      country: answer.location?.country ?? null,
      region: answer.location?.region ?? null,
      languages: parseAcceptLanguage(preview?.lang ?? req.headers['accept-language']),
      path,
    };
    // Only a rule set with `networks` reads the address; a preview stands for someone elsewhere.
    if (ruleSet.networks !== undefined && ruleSet.networks.size > 0 && preview === null) {
      visitor.address = normaliseIp(req.ip ?? req.socket?.remoteAddress)?.address ?? null;
    }
    const now = config.now();
    const notices = decide(ruleSet, visitor, now);
    const enabled = config.enabled();
    const locals: GeonoticeLocals = { notices, visitor, rulesVersion: ruleSet.version, enabled };
    // A page a surrogate will assemble is shared, unless its template renders the decision itself.
    const shared = config.delivery === 'esi' && enabled && include === null && surrogateAssemblesEsi(req.headers);
    let localsRead = false;
    if (res.locals === undefined) res.locals = {};
    res.locals.geonotice = shared ? watchReads(locals, () => (localsRead = true)) : locals;

    const delivery = config.onDecision !== null || audit !== null ? watchDecision(req, res, visitor, notices, now, ruleSet.version, answer, preview) : null;

    if (config.endpoint !== null && path === config.endpoint && (req.method === 'GET' || req.method === 'HEAD')) {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Vary', 'Accept-Language');
      delivery?.endpoint();
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(locals));
      return;
    }

    if (include !== null) {
      delivery?.include(include.placement);
      sendInclude(req, res, include, notices);
      return;
    }

    const pathVariance = variance(path);
    if (!pathVariance.any) return next();
    if (!enabled) {
      onHeaders(res, () => {
        if (isHtmlType(res.getHeader('Content-Type'))) res.setHeader('Geonotice-Status', 'disabled');
      });
      return next();
    }
    const purpose = requestPurpose(req.headers);
    const injectable = purpose.fragment ? NO_NOTICES : notices.filter((notice) => notice.placement !== 'none');
    const tag = tagFor(ruleSet.version, injectable);
    // A shared page's validators are everyone's: none of them is tied to this visitor's decision.
    translateConditionalHeaders(req.headers, shared ? null : tag, purpose.forDocument);
    const headers: VisitorHeaders = {
      variance: pathVariance,
      sharedBy: preview === null && cachePolicy.shareable(answer) ? cachePolicy.vary : null,
      unstorable: preview !== null,
      noticeIds: config.header && notices.length > 0 ? notices.map((notice) => notice.id).join(', ') : null,
      decisionTag: tag,
    };

    const atHeaders = (body: BodyStart | null) => {
      const kind = responseKind(req, res, purpose, body);
      if (kind === 'other') return null;
      if (kind === 'fragment') {
        addVary(res, purpose.fragment ? FRAGMENT_REQUEST_HEADERS : SCRIPT_REQUEST_HEADERS);
        return null;
      }
      // The injection below depends on who asked, when the page starts as a fragment or is not known to start as a document.
      const undecided = kind === 'variable-unless-fragment';
      if (kind === 'fragment-shaped-page' || undecided) addVary(res, SCRIPT_REQUEST_HEADERS);
      const plan = (build: BodyPlanInput['buildInsertions'], watch: DeliveryWatch | null) =>
        planBody({ req, res, styles, buildInsertions: build, onlyIntoDocument: undecided, maxDecodedBytes: config.maxDecodedBytes, onError: (error) => report(error, req), watch });
      if (shared && !localsRead && isShareable(res.getHeader('Cache-Control'))) {
        // Varnish's built-in VCL stops honouring `private` once Surrogate-Control is there: it goes on shareable pages only.
        res.setHeader('Surrogate-Control', mergeSurrogateControl(res.getHeader('Surrogate-Control')));
        delivery?.sharedPage();
        if (pathVariance.placements.length === 0) return null;
        return plan((charset, style) => buildEsiInsertions(pathVariance.placements, path, charset, style), null);
      }
      applyVisitorHeaders(res, headers);
      if (injectable.length === 0) return null;
      return plan((charset, style) => buildInsertions(injectable, charset, style), delivery);
    };
    // The body's first bytes matter where a notice may go into it, or where script asked for it and
    // a fragment keeps the application's headers; otherwise the headers alone are enough.
    if (injectable.length === 0 && !shared && !(purpose.byScript && !purpose.fragment)) {
      onHeaders(res, () => void atHeaders(null));
    } else {
      hookResponse(res, atHeaders, (error) =>
        report(
          error instanceof GeonoticeError ? error : new GeonoticeError(ErrorCodes.inject, `geonotice: injection failed: ${error.message}`, { cause: error }),
          req,
        ),
      );
    }
    next();
  }

  /** The includes a shared page carries, one per placement where a notice can apply, the styles with the first. */
  function buildEsiInsertions(placements: readonly PagePlacement[], pagePath: string, charset: string, style: StyleChoice | null): Insertions | null {
    const markup = (placement: PagePlacement, first: boolean): Buffer | null =>
      encodeMarkup(`${first && style !== null ? renderStyleChoice(style) : ''}${esiInclude(config.esiPath, placement, pagePath, charset)}`, charset);
    const insertions: Insertions = {};
    placements.forEach((placement, index) => {
      const bytes = markup(placement, index === 0);
      if (bytes === null) return;
      if (placement === 'body-start') insertions.bodyStart = bytes;
      else if (placement === 'marker') insertions.marker = bytes;
      else insertions.bodyEnd = bytes;
    });
    return insertions;
  }

  /** Answers an include: this visitor's notices for one placement of one page, as markup only, never stored. */
  function sendInclude(req: GeonoticeRequest, res: GeonoticeResponse, include: EsiRequest, notices: readonly DecidedNotice[]): void {
    const markup = notices
      .filter((notice) => notice.placement === include.placement)
      .map((notice) => (config.render ? config.render(notice) : renderNotice(notice)))
      .join('');
    const bytes = encodeMarkup(markup, include.charset) ?? Buffer.alloc(0);
    res.statusCode = 200;
    res.setHeader('Content-Type', `text/html; charset=${include.charset}`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Length', bytes.length);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  /** The audit record of this request, written when its response finishes. */
  function watchDecision(
    req: GeonoticeRequest,
    res: GeonoticeResponse,
    visitor: Visitor,
    notices: readonly DecidedNotice[],
    time: Date,
    rulesVersion: string,
    answer: GeoAnswer,
    preview: PreviewVisitor | null,
  ): DeliveryWatch {
    const input = { req, res, visitor, notices, time, rulesVersion, source: sourceNamed(answer.source), preview: preview !== null, ipMode: config.audit.ip };
    return watchDelivery(input, (record: DecisionRecord) => {
      audit?.record(record);
      try {
        config.onDecision?.(record);
      } catch (error) {
        report(new GeonoticeError(ErrorCodes.hook, 'geonotice: the onDecision hook threw', { cause: error }), req);
      }
    });
  }

  /** Fail open: whatever goes wrong, the page is served without notices, and `next` runs exactly once. */
  function respondSafely(
    req: GeonoticeRequest,
    res: GeonoticeResponse,
    next: (error?: unknown) => void,
    answer: () => GeoAnswer | Promise<GeoAnswer>,
    preview: PreviewVisitor | null,
    include: EsiRequest | null,
  ): void {
    let nextCalled = false;
    const once = (error?: unknown): void => {
      if (nextCalled) return;
      nextCalled = true;
      next(error);
    };
    const failOpen = (error: unknown): void => {
      report(error, req);
      once();
    };
    try {
      const located = answer();
      if (located instanceof Promise) {
        located.then((value) => respond(req, res, once, value, preview, include)).catch(failOpen);
      } else {
        respond(req, res, once, located, preview, include);
      }
    } catch (error) {
      failOpen(error);
    }
  }

  const middleware = function geonoticeMiddleware(req, res, next) {
    if (config.stylesheet !== null && requestPath(req) === config.stylesheet && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStylesheet(req, res);
      return;
    }
    if (handled.has(req)) return next();
    handled.add(req);
    const include = config.delivery === 'esi' ? includeRequested(req, res) : null;
    if (include === undefined) return;
    const preview = config.previewSecret === null ? null : previewVisitor(req, config.previewSecret, config.now());
    respondSafely(
      req,
      res,
      next,
      () => {
        if (preview !== null) return { location: { country: preview.country, region: preview.region }, source: 'preview', asked: 0 };
        watchTrustProxy(() => req.ip ?? req.socket?.remoteAddress);
        return locate(providers, req, (error, provider) =>
          report(new GeonoticeError(ErrorCodes.geo, `geonotice: geo provider ${provider} failed`, { cause: error }), req),
        );
      },
      preview,
      include,
    );
  } as GeonoticeMiddleware;

  /** The include a request asks for; null when it is not one; undefined when it was refused here (400). */
  function includeRequested(req: GeonoticeRequest, res: GeonoticeResponse): EsiRequest | null | undefined {
    const url = req.originalUrl ?? req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== config.esiPath) return null;
    const parsed = req.method === 'GET' || req.method === 'HEAD' ? parseEsiRequest(queryAt === -1 ? '' : url.slice(queryAt + 1)) : 'only GET and HEAD';
    if (typeof parsed !== 'string') return parsed;
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(`geonotice: not an include: ${parsed}\n`);
    return undefined;
  }
  middleware.status = () => ({ ...rules.status(), auditDropped: audit?.dropped ?? 0 });
  middleware.close = async () => {
    rules.close();
    await audit?.close();
  };
  return middleware;
}
