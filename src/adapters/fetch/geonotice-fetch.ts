import type { RuleSet } from '../../core/rule-set';
import type { DecidedNotice } from '../../core/types';
import { createVarianceLookup } from '../../core/variance';
import { asGeonoticeError, ErrorCodes, GeonoticeError } from '../../errors';
import { locate, type GeoAnswer } from '../../geo/chain';
import { parseAddress } from '../../core/address';
import type { BodyPlan } from '../../pipeline/body-plan';
import { createCachePolicy, varyModeProblem } from '../../pipeline/cache-policy';
import { styleNonceOf } from '../../pipeline/csp';
import {
  buildDecisionRecord,
  deliveryOf,
  fetchPurpose,
  withNetwork,
  type Delivery,
} from '../../pipeline/decision-record';
import {
  createEngine,
  markDisabled,
  type Answer,
  type Decision,
  type GeonoticeLocals,
  type Served,
} from '../../pipeline/engine';
import { DEFAULT_ESI_PATH } from '../../pipeline/esi';
import type { RequestHeaders, ResponseHeaders } from '../../pipeline/headers';
import type { InjectionReport } from '../../pipeline/html/injector';
import type { PreviewVisitor } from '../../preview/token-format';
import { verifyPreviewTokenWeb } from '../../preview/web-token';
import { injectedBody, peekBody, type PeekedBody } from './body-stream';
import { cloudflarePropertiesOf, cloudflareProvider } from './cloudflare-geo';
import { resolveFetchConfig, type FetchGeoProvider, type GeonoticeFetchOptions } from './options';
import { ruleSetOf } from './rules-input';

/** What `geonoticeFetch` returns: a handler's two steps, usable in any runtime with the Fetch API. */
export interface GeonoticeFetch {
  /**
   * The response (from the origin or an edge cache) with the visitor's notices in it, streamed;
   * caching headers, fragments, CSP, charsets and Content-Length as the middleware treats them.
   * Never rejects: whatever goes wrong, the response is returned as it came and `onError` is told.
   */
  transform(request: Request, response: Response): Promise<Response>;
  /** The decision for a request, as templates get it in the middleware's `res.locals.geonotice`. */
  decide(request: Request): Promise<GeonoticeLocals>;
}

const PREVIEW_HEADER = 'geonotice-preview';
const PREVIEW_QUERY = 'geonotice_preview';

function requestHeaders(request: Request): RequestHeaders {
  return { get: (name) => request.headers.get(name) ?? undefined };
}

function responseHeaders(headers: Headers): ResponseHeaders {
  return {
    get: (name) => headers.get(name) ?? undefined,
    set: (name, value) => headers.set(name, value),
    delete: (name) => headers.delete(name),
  };
}

/**
 * The client address at the edge, for `networks` conditions: on Cloudflare (a request with `cf`)
 * the platform's `CF-Connecting-IP`, which a client cannot set; elsewhere none.
 */
function clientAddress(request: Request): string | null {
  if (cloudflarePropertiesOf(request) === undefined) return null;
  const header = request.headers
    .get('cf-connecting-ip')
    ?.trim()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return header === undefined || parseAddress(header) === null ? null : header;
}

function answerResponse(answer: Answer): Response {
  return new Response(answer.body.length === 0 ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
}

/**
 * Geonotice for the Fetch API: Cloudflare Workers, Deno, Bun, Vercel Edge, or any server that
 * speaks `Request` and `Response`. Options are checked and the rules loaded once, here.
 */
export function geonoticeFetch(options: GeonoticeFetchOptions): GeonoticeFetch {
  const config = resolveFetchConfig(options);
  const ruleSet: RuleSet = ruleSetOf(options.rules);
  const served: Served = { ruleSet, variance: createVarianceLookup(ruleSet) };
  const providers: readonly FetchGeoProvider[] = config.geo ?? [cloudflareProvider()];
  const cachePolicy = createCachePolicy(config.varyHeaders, providers);
  const refusal = cachePolicy.vary === null ? null : varyModeProblem(ruleSet, providers);
  if (refusal !== null) throw new GeonoticeError(ErrorCodes.options, `geonoticeFetch: ${refusal}`);
  const engine = createEngine({ ...config, delivery: 'inject', esiPath: DEFAULT_ESI_PATH, cachePolicy });

  const report = (error: unknown, request?: Request): void => {
    try {
      config.onError(asGeonoticeError(error), request);
    } catch {
      // A failing error handler must not fail the response too.
    }
  };

  async function previewOf(request: Request, url: URL): Promise<PreviewVisitor | null> {
    if (config.previewSecret === null) return null;
    const token = request.headers.get(PREVIEW_HEADER) ?? url.searchParams.get(PREVIEW_QUERY);
    return token === null || token === '' ? null : verifyPreviewTokenWeb(token, config.previewSecret, config.now());
  }

  async function decideRequest(
    request: Request,
    url: URL = new URL(request.url),
  ): Promise<{ decision: Decision; answer: GeoAnswer; preview: PreviewVisitor | null; url: URL }> {
    const preview = await previewOf(request, url);
    const answer: GeoAnswer =
      preview !== null
        ? {
            location:
              preview.region === undefined
                ? { country: preview.country }
                : { country: preview.country, region: preview.region },
            source: 'preview',
            asked: 0,
          }
        : await locate(providers, request, (error, provider) =>
            report(
              new GeonoticeError(ErrorCodes.geo, `geonotice: geo provider ${provider} failed`, { cause: error }),
              request,
            ),
          );
    const decision = engine.decide(served, {
      method: request.method,
      path: url.pathname,
      headers: requestHeaders(request),
      answer,
      preview,
      include: null,
      address: () => clientAddress(request),
      asn: () => cloudflarePropertiesOf(request)?.asn ?? null,
    });
    return { decision, answer, preview, url };
  }

  /** The audit record of one response, handed to `onDecision` once its body has gone out. */
  function recorder(
    request: Request,
    decided: { decision: Decision; answer: GeoAnswer; preview: PreviewVisitor | null },
  ) {
    let injection: Readonly<InjectionReport> | null = null;
    let how: ((notice: DecidedNotice) => Delivery | null) | null = null;
    return {
      injector: (injected: Readonly<InjectionReport>) => {
        injection = injected;
      },
      deliveredAs: (delivered: (notice: DecidedNotice) => Delivery | null) => {
        how = delivered;
      },
      emit: (status: number, headers: Headers | null) => {
        if (config.onDecision === null) return;
        const inHeader = new Set((headers?.get('geonotice') ?? '').split(',').map((id) => id.trim()));
        const delivered = how ?? ((notice: DecidedNotice) => deliveryOf(notice, injection, false, inHeader));
        const record = buildDecisionRecord({
          time: config.now(),
          ip: null,
          visitor: decided.decision.visitor,
          notices: decided.decision.notices,
          rulesVersion: decided.decision.rulesVersion,
          method: request.method,
          status,
          source: withNetwork({ provider: decided.answer.source, dataDate: null }, decided.decision.network()),
          preview: decided.preview !== null,
          purpose: fetchPurpose(requestHeaders(request)),
          complete: true,
          delivered,
        });
        try {
          config.onDecision(record);
        } catch (error) {
          report(
            new GeonoticeError(ErrorCodes.hook, 'geonotice: the onDecision hook threw', { cause: error }),
            request,
          );
        }
      },
    };
  }

  async function transform(request: Request, response: Response): Promise<Response> {
    try {
      const url = new URL(request.url);
      if (
        config.stylesheet !== null &&
        url.pathname === config.stylesheet &&
        (request.method === 'GET' || request.method === 'HEAD')
      ) {
        return answerResponse(engine.stylesheet(request.method));
      }
      const decided = await decideRequest(request, url);
      const record = recorder(request, decided);
      const { outcome } = decided.decision;
      switch (outcome.kind) {
        case 'answer': {
          record.deliveredAs(() => 'endpoint');
          record.emit(outcome.answer.status, null);
          return answerResponse(outcome.answer);
        }
        case 'pass':
          record.emit(response.status, response.headers);
          return response;
        case 'disabled': {
          const headers = new Headers(response.headers);
          markDisabled({ headers: responseHeaders(headers) });
          record.emit(response.status, headers);
          return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
        }
        case 'page':
          return await injectInto(request, response, outcome, record);
      }
    } catch (error) {
      report(error, request);
      return response;
    }
  }

  async function injectInto(
    request: Request,
    response: Response,
    outcome: Extract<Decision['outcome'], { kind: 'page' }>,
    record: ReturnType<typeof recorder>,
  ): Promise<Response> {
    const headers = new Headers(response.headers);
    const bodyless = request.method === 'HEAD' || response.body === null;
    const peeked: PeekedBody | null = bodyless || !outcome.bodyMatters ? null : await peekBody(response.body);
    const start = peeked === null ? null : { bytes: () => peeked.first, complete: peeked.complete };
    const facts = {
      method: request.method,
      status: response.status,
      headers: responseHeaders(headers),
      cspNonce: styleNonceOf(headers.get('content-security-policy')),
      url: request.url,
    };
    // What the page delivered matters only to a site that records decisions.
    const watch =
      config.onDecision === null
        ? null
        : {
            injector: record.injector,
            injectionFailed: () => undefined,
            endpoint: () => undefined,
            include: () => undefined,
            sharedPage: () => undefined,
          };
    const plan: BodyPlan | null = outcome.atHeaders(facts, start, {
      onError: (error) => report(error, request),
      watch,
    });
    const init = { status: response.status, statusText: response.statusText, headers };
    const body = peeked?.body ?? response.body;
    if (plan === null || peeked === null) {
      record.emit(response.status, headers);
      return new Response(bodyless ? null : body, init);
    }
    const injected = injectedBody(
      peeked,
      plan.coding,
      () => plan.injector(),
      () => record.emit(response.status, headers),
    );
    if (!injected.injected) {
      report(
        new GeonoticeError(
          ErrorCodes.encoding,
          `geonotice: cannot decode Content-Encoding "${plan.coding}" at the edge on ${request.url}; passed through without notices`,
        ),
        request,
      );
      record.emit(response.status, headers);
    }
    return new Response(injected.body, init);
  }

  return {
    transform,
    decide: async (request) => (await decideRequest(request)).decision.locals,
  };
}
