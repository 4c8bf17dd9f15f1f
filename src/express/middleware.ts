import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import { decide } from '../core/decide';
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice, Visitor } from '../core/types';
import { createVarianceLookup } from '../core/variance';
import { ErrorCodes, GeonoticeError } from '../errors';
import { locate, type GeoAnswer } from '../geo/chain';
import { geoipLiteProvider } from '../geo/geoip-lite';
import { normaliseIp } from '../geo/ip';
import { loadRules } from '../rules';
import { parseAcceptLanguage } from '../visitor/accept-language';
import { anonymiseIp } from './anonymise';
import { planBody } from './body-plan';
import { resolveConfig } from './config';
import { decisionTag, translateConditionalHeaders } from './conditional';
import { createInsertionBuilder } from './insertions';
import type { GeonoticeOptions } from './options';
import { hookResponse } from './response-hook';
import { applyVisitorHeaders } from './response-headers';
import { createTrustProxyWatch, warnIfGeoDataIsOld } from './start-up-warnings';

/** What templates get in `res.locals.geonotice`, and what the `endpoint` answers. */
export interface GeonoticeLocals {
  notices: readonly DecidedNotice[];
  visitor: Visitor;
  rulesVersion: string;
}

export type GeonoticeRequest = IncomingMessage & { ip?: string | undefined; originalUrl?: string };
export type GeonoticeResponse = ServerResponse & { locals?: Record<string, unknown> };

/** Typed against node:http, so it serves Express 4, Express 5 and a plain `http` server alike. */
export type GeonoticeMiddleware = (req: GeonoticeRequest, res: GeonoticeResponse, next: (error?: unknown) => void) => void;

/** Marks a request already handled, so a middleware mounted twice still gives one notice. */
const HANDLED = Symbol.for('geonotice.handled');

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
  const ruleSet = isRuleSet(config.rules) ? config.rules : loadRules(config.rules);
  const variance = createVarianceLookup(ruleSet);
  const providers = config.geo ?? [geoipLiteProvider({ preload: true })];
  if (config.geo === null) warnIfGeoDataIsOld(config.now());
  const buildInsertions = createInsertionBuilder(config.render);
  const watchTrustProxy = createTrustProxyWatch();
  const report = (error: unknown, req?: IncomingMessage): void => {
    try {
      config.onError(error instanceof Error ? error : new Error(String(error)), req);
    } catch {
      // An error handler that throws must not turn a page into a 500 either.
    }
  };

  function respond(req: GeonoticeRequest, res: GeonoticeResponse, next: (error?: unknown) => void, answer: GeoAnswer): void {
    const path = requestPath(req);
    const visitor: Visitor = {
      country: answer.location?.country ?? null,
      region: answer.location?.region ?? null,
      languages: parseAcceptLanguage(req.headers['accept-language']),
      path,
    };
    const now = config.now();
    const notices = decide(ruleSet, visitor, now);
    const locals: GeonoticeLocals = { notices, visitor, rulesVersion: ruleSet.version };
    if (res.locals === undefined) res.locals = {};
    res.locals.geonotice = locals;

    if (config.header && notices.length > 0) res.setHeader('Geonotice', notices.map((notice) => notice.id).join(', '));
    if (config.onDecision !== null) recordDecision(req, visitor, notices, now);

    if (config.endpoint !== null && path === config.endpoint && (req.method === 'GET' || req.method === 'HEAD')) {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Vary', 'Accept-Language');
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(locals));
      return;
    }

    const pathVariance = variance(path);
    if (!pathVariance.any) return next();
    const injectable = notices.filter((notice) => notice.placement !== 'none');
    const tag = decisionTag(ruleSet.version, injectable);
    translateConditionalHeaders(req.headers, tag);

    if (injectable.length === 0) {
      onHeaders(res, () => applyVisitorHeaders(res, pathVariance, config.varyHeaders, null));
    } else {
      hookResponse(
        res,
        () => {
          applyVisitorHeaders(res, pathVariance, config.varyHeaders, tag);
          return planBody({
            req,
            res,
            styles: config.styles,
            buildInsertions: (charset, styles) => buildInsertions(injectable, charset, styles),
            onError: (error) => report(error, req),
          });
        },
        (error) => report(new GeonoticeError(ErrorCodes.inject, `geonotice: injection failed: ${error.message}`, { cause: error }), req),
      );
    }
    next();
  }

  function recordDecision(req: GeonoticeRequest, visitor: Visitor, notices: readonly DecidedNotice[], now: Date): void {
    try {
      config.onDecision?.({
        time: now.toISOString(),
        ip: anonymiseIp(normaliseIp(req.ip ?? req.socket?.remoteAddress)?.address),
        country: visitor.country,
        region: visitor.region,
        languages: visitor.languages,
        path: visitor.path,
        notices: notices.map((notice) => notice.id),
        rulesVersion: ruleSet.version,
      });
    } catch (error) {
      report(new GeonoticeError(ErrorCodes.hook, 'geonotice: the onDecision hook threw', { cause: error }), req);
    }
  }

  /** Fail open: whatever goes wrong, the page is served without notices, and `next` runs exactly once. */
  function respondSafely(req: GeonoticeRequest, res: GeonoticeResponse, next: (error?: unknown) => void, answer: () => GeoAnswer | Promise<GeoAnswer>): void {
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
        located.then((value) => respond(req, res, once, value)).catch(failOpen);
      } else {
        respond(req, res, once, located);
      }
    } catch (error) {
      failOpen(error);
    }
  }

  return function geonoticeMiddleware(req, res, next) {
    const marked = req as GeonoticeRequest & { [HANDLED]?: true };
    if (marked[HANDLED]) return next();
    marked[HANDLED] = true;
    respondSafely(req, res, next, () => {
      watchTrustProxy(req.ip ?? req.socket?.remoteAddress);
      return locate(providers, req, (error, provider) =>
        report(new GeonoticeError(ErrorCodes.geo, `geonotice: geo provider ${provider} failed`, { cause: error }), req),
      );
    });
  };
}
