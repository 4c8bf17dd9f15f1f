import type { ServerResponse } from 'node:http';
import type { RuleSet } from '../../core/rule-set';
import { createVarianceLookup } from '../../core/variance';
import { asGeonoticeError, ErrorCodes, GeonoticeError } from '../../errors';
import { locate, type GeoAnswer } from '../../geo/chain';
import { geoipLiteProvider } from '../../geo/geoip-lite';
import { normaliseIp } from '../../geo/ip';
import { loadRules } from '../../rules';
import type { BodyPlan as PipelinePlan } from '../../pipeline/body-plan';
import { createCachePolicy, varyModeProblem } from '../../pipeline/cache-policy';
import type { DeliveryWatch } from '../../pipeline/delivery-watch';
import { withNetwork } from '../../pipeline/decision-record';
import {
  createEngine,
  markDisabled,
  type Answer,
  type Decision,
  type GeonoticeLocals,
  type Served,
} from '../../pipeline/engine';
import { parseEsiRequest, type EsiRequest } from '../../pipeline/esi';
import type { BodyStart } from '../../pipeline/response-kind';
import type { PreviewVisitor } from '../../preview/token';
import { createAuditLog } from './audit-log';
import { describeDecision, traceRequest } from './debug-log';
import { encodedTransform, plainTransform } from './body-transform';
import { misMounted, resolveConfig } from './config';
import { sourceOf, watchDelivery } from './decision-record';
import { requestHeadersOf, responseHeadersOf } from './node-headers';
import type { DecisionRecord, GeonoticeOptions, GeonoticeRequest, GeonoticeResponse } from './options';
import { previewVisitor } from './preview';
import { hookResponse, type BodyPlan } from './response-hook';
import { methodsOf, onResponseHeaders } from './response-methods';
import { createRuleSource, type RulesStatus } from './rule-source';
import { createTrustProxyWatch, warnIfGeoDataIsOld, warnIfNoProviderGivesSubdivisions } from './start-up-warnings';

export type { GeonoticeLocals, GeonoticeRequest, GeonoticeResponse };

declare global {
  // Express types `res.locals` with this interface (@types/express-serve-static-core): merging into
  // it types the decision for Express users, and asks nothing of a project without Express's types.
  namespace Express {
    interface Locals {
      /** The visitor's decision, set by geonotice before the application's routes run. */
      geonotice: GeonoticeLocals;
    }
  }
}

/** What `status()` reports: the rules in use, the last reload problem, and audit records dropped. */
export interface GeonoticeStatus extends RulesStatus {
  auditDropped: number;
}

/** Typed against node:http, so it serves Express 4, Express 5 and a plain `http` server alike. */
export interface GeonoticeMiddleware<Req extends GeonoticeRequest = GeonoticeRequest> {
  (req: Req, res: GeonoticeResponse, next: (error?: unknown) => void): void;
  /** The rule set version in use, when it was loaded, and the last failed reload (with `watch`). */
  status(): GeonoticeStatus;
  /** Stops watching the rule files and flushes the audit log. */
  close(): Promise<void>;
}

/**
 * Whether a geonotice mounted earlier (this copy of the package or another) has decided this
 * request already, so that a middleware mounted twice still gives one notice: every decision is
 * in `res.locals.geonotice` before the application runs. Read there rather than marked on the
 * request, whose every new property would build a hidden class of its own.
 */
function alreadyDecided(res: GeonoticeResponse): boolean {
  return (res.locals as { geonotice?: unknown } | undefined)?.geonotice !== undefined;
}

function sendAnswer(res: ServerResponse, answer: Answer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.end(answer.body.length === 0 ? undefined : answer.body);
}

function refusedInclude(problem: string): Answer {
  const body = Buffer.from(`geonotice: not an include: ${problem}\n`);
  return { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body };
}

/** The page's CSP nonce, where helmet (and sites that follow it) keep it. */
function nonceOf(res: GeonoticeResponse): string | undefined {
  const nonce = res.locals?.cspNonce;
  return typeof nonce === 'string' ? nonce : undefined;
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
export function geonotice<Req extends GeonoticeRequest = GeonoticeRequest>(
  options: GeonoticeOptions<Req>,
): GeonoticeMiddleware<Req>;
export function geonotice(options: GeonoticeOptions, ...calledAsMiddleware: unknown[]): GeonoticeMiddleware {
  const mistake = misMounted(options, calledAsMiddleware);
  if (mistake !== null) {
    // Called by Express as the middleware: the request fails through Express's error handling
    // (a 500, logged), as every request will until the mount is fixed.
    const next = calledAsMiddleware[1];
    if (typeof next !== 'function') throw mistake;
    (next as (error: unknown) => void)(mistake);
    return undefined as unknown as GeonoticeMiddleware;
  }
  const config = resolveConfig(options);
  const initialRules = isRuleSet(config.rules) ? config.rules : loadRules(config.rules);
  const providers = config.geo ?? [geoipLiteProvider({ preload: true })];
  const cachePolicy = createCachePolicy(config.varyHeaders, providers);
  // In `vary` mode a cache keys pages on the providers' headers: those must tell apart every
  // subdivision the rules name, or one subdivision's page would be served to another.
  const refuse = (ruleSet: RuleSet): string | null =>
    cachePolicy.vary === null ? null : varyModeProblem(ruleSet, providers);
  const refusal = refuse(initialRules);
  if (refusal !== null) throw new GeonoticeError(ErrorCodes.options, `geonotice: ${refusal}`);
  // What a request is served from; a reload swaps it whole, so a request in flight keeps its own.
  let served: Served = { ruleSet: initialRules, variance: createVarianceLookup(initialRules) };
  if (config.geoWarnings) {
    warnIfGeoDataIsOld(providers, config.now());
    warnIfNoProviderGivesSubdivisions(providers, initialRules);
  }
  const engine = createEngine({ ...config, cachePolicy });
  const rulePaths = isRuleSet(config.rules)
    ? null
    : typeof config.rules === 'string'
      ? [config.rules]
      : [...config.rules];
  const rules = createRuleSource(initialRules, rulePaths, {
    watch: config.watch,
    onError: (error) => report(error),
    onReload: (ruleSet) => {
      served = { ruleSet, variance: createVarianceLookup(ruleSet) };
    },
    refuse,
  });
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
  const report = (error: unknown, req?: GeonoticeRequest): void => {
    try {
      config.onError(asGeonoticeError(error), req);
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
    const method = req.method ?? 'GET';
    const path = requestPath(req);
    const trace = traceRequest(method, path);
    const decision = engine.decide(served, {
      method,
      path,
      headers: requestHeadersOf(req),
      answer,
      preview,
      include,
      address: () => normaliseIp(req.ip ?? req.socket?.remoteAddress)?.address ?? null,
      validators: req.headers,
    });
    if (res.locals === undefined) res.locals = {};
    res.locals.geonotice = decision.locals;
    const watch =
      config.onDecision !== null || audit !== null ? watchDecision(req, res, decision, answer, preview) : null;
    const { outcome } = decision;
    trace?.(describeDecision(decision, answer.source));
    switch (outcome.kind) {
      case 'answer':
        if ('endpoint' in outcome.delivered) watch?.endpoint();
        else watch?.include(outcome.delivered.include);
        trace?.('answered by geonotice itself (the endpoint or an ESI include)');
        return sendAnswer(res, outcome.answer);
      case 'pass':
        trace?.('no notice can apply on this path: the response is left alone');
        return next();
      case 'disabled':
        trace?.('the kill switch is off: pages go out as written');
        onResponseHeaders(methodsOf(res), () => markDisabled({ headers: responseHeadersOf(res) }));
        return next();
      case 'page':
        break;
    }
    // on-headers calls this with no argument: the headers alone decide.
    const atHeaders = (body?: BodyStart): BodyPlan | null => {
      const facts = {
        method,
        status: res.statusCode,
        headers: responseHeadersOf(res),
        cspNonce: nonceOf(res),
        url: req.url ?? '',
      };
      const onError = (error: Error): void => report(error, req);
      const plan = outcome.atHeaders(facts, body ?? null, { onError, watch, skipped: trace ?? undefined });
      return plan === null ? null : nodePlan(plan);
    };
    if (!outcome.bodyMatters) {
      onResponseHeaders(methodsOf(res), atHeaders);
    } else {
      hookResponse(res, atHeaders, (error) =>
        report(
          error instanceof GeonoticeError
            ? error
            : new GeonoticeError(ErrorCodes.inject, `geonotice: injection failed: ${error.message}`, { cause: error }),
          req,
        ),
      );
    }
    next();
  }

  /** The pipeline's plan as node:http runs it: zlib for a compressed body, the sink for the rest. */
  function nodePlan(plan: PipelinePlan): BodyPlan {
    const { coding, whole } = plan;
    return {
      create: (sink) =>
        coding === 'identity'
          ? plainTransform(plan.injector(), sink)
          : encodedTransform(plan.injector(), coding, sink, config.maxDecodedBytes),
      ...(whole === undefined ? {} : { whole }),
    };
  }

  /** The audit record of this request, written when its response finishes. */
  function watchDecision(
    req: GeonoticeRequest,
    res: GeonoticeResponse,
    decision: Decision,
    answer: GeoAnswer,
    preview: PreviewVisitor | null,
  ): DeliveryWatch {
    const input = {
      req,
      res,
      visitor: decision.visitor,
      notices: decision.notices,
      time: config.now(),
      rulesVersion: decision.rulesVersion,
      source: withNetwork(sourceNamed(answer.source), decision.network()),
      preview: preview !== null,
      ipMode: config.audit.ip,
    };
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
    preview: PreviewVisitor | null,
    include: EsiRequest | null,
  ): void {
    let nextCalled = false;
    const once = (error?: unknown): void => {
      if (nextCalled) return;
      nextCalled = true;
      next(error);
    };
    try {
      const located = locateVisitor(req, preview);
      if (located instanceof Promise) {
        located
          .then((value) => respond(req, res, once, value, preview, include))
          .catch((error: unknown) => {
            report(error, req);
            once();
          });
      } else {
        respond(req, res, once, located, preview, include);
      }
    } catch (error) {
      report(error, req);
      once();
    }
  }

  /** Where the visitor is: the preview's place, or what the providers say (synchronous for the built-in ones). */
  function locateVisitor(req: GeonoticeRequest, preview: PreviewVisitor | null): GeoAnswer | Promise<GeoAnswer> {
    if (preview !== null)
      return { location: { country: preview.country, region: preview.region }, source: 'preview', asked: 0 };
    watchTrustProxy(req);
    return locate(providers, req, (error, provider) =>
      report(new GeonoticeError(ErrorCodes.geo, `geonotice: geo provider ${provider} failed`, { cause: error }), req),
    );
  }

  const middleware = function geonoticeMiddleware(req, res, next) {
    if (
      config.stylesheet !== null &&
      requestPath(req) === config.stylesheet &&
      (req.method === 'GET' || req.method === 'HEAD')
    ) {
      sendAnswer(res, engine.stylesheet(req.method));
      return;
    }
    if (alreadyDecided(res)) {
      traceRequest(req.method ?? 'GET', requestPath(req))?.('already handled by a geonotice mounted earlier');
      return next();
    }
    const include = config.delivery === 'esi' ? includeRequested(req, res) : null;
    if (include === undefined) return;
    const preview = config.previewSecret === null ? null : previewVisitor(req, config.previewSecret, config.now());
    respondSafely(req, res, next, preview, include);
  } as GeonoticeMiddleware;

  /** The include a request asks for; null when it is not one; undefined when it was refused here (400). */
  function includeRequested(req: GeonoticeRequest, res: GeonoticeResponse): EsiRequest | null | undefined {
    const url = req.originalUrl ?? req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== config.esiPath) return null;
    const parsed =
      req.method === 'GET' || req.method === 'HEAD'
        ? parseEsiRequest(queryAt === -1 ? '' : url.slice(queryAt + 1))
        : 'only GET and HEAD';
    if (typeof parsed !== 'string') return parsed;
    sendAnswer(res, refusedInclude(parsed));
    return undefined;
  }
  middleware.status = () => ({ ...rules.status(), auditDropped: audit?.dropped ?? 0 });
  middleware.close = async () => {
    rules.close();
    await audit?.close();
  };
  return middleware;
}
