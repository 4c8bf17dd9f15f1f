/**
 * The audit record of one request: what was decided, and what the response delivered. The record
 * is written when the response finishes (or its connection closes), so that it says which notices
 * the page really carried: a JSON response, a HEAD, a 304 or a failed injection shows nothing in
 * the body, whatever the decision was.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DecidedNotice, Visitor } from '../../core/types';
import { geoDataInfo } from '../../geo/geoip-lite';
import { normaliseIp } from '../../geo/ip';
import { readsGeoipData } from '../../geo/geoip-data-provider';
import { providerName } from '../../geo/provider';
import type { GeoProvider } from '../../geo/types';
import type { InjectionReport } from '../../pipeline/html/injector';
import { auditIp } from './anonymise';
import type { DeliveryWatch } from '../../pipeline/delivery-watch';
import type { AuditIpMode } from './options';
import {
  buildDecisionRecord,
  deliveryOf,
  fetchPurpose,
  type DecisionRecord,
  type DecisionSource,
  type Delivery,
} from '../../pipeline/decision-record';
import { requestHeadersOf } from './node-headers';
import { defineWatched } from '../../pipeline/watched-locals';

export interface DecisionInput {
  req: IncomingMessage & { ip?: string | undefined };
  res: ServerResponse & { locals?: Record<string, unknown> };
  visitor: Visitor;
  notices: readonly DecidedNotice[];
  time: Date;
  rulesVersion: string;
  source: DecisionSource;
  preview: boolean;
  ipMode: AuditIpMode;
}

/**
 * Watches a response and hands its record to `emit` once, when it finishes or its connection
 * closes. Returns what the response path reports to.
 */
export function watchDelivery(input: DecisionInput, emit: (record: DecisionRecord) => void): DeliveryWatch {
  const { res } = input;
  let report: Readonly<InjectionReport> | null = null;
  let injectionFailed = false;
  let viaEndpoint = false;
  let viaInclude: DecidedNotice['placement'] | null = null;
  let shared = false;
  const localsRead = watchLocalsRead(res);
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    const delivered = (notice: DecidedNotice): Delivery | null => {
      if (viaEndpoint) return 'endpoint';
      if (viaInclude !== null) return notice.placement === viaInclude ? 'esi' : null;
      if (shared) return null;
      return deliveryOf(notice, injectionFailed ? null : report, localsRead(), headerIds(res));
    };
    emit(decisionRecord(input, delivered));
  };
  res.once('finish', finish);
  res.once('close', finish);
  return {
    injector: (injected) => {
      report = injected;
    },
    injectionFailed: () => {
      injectionFailed = true;
    },
    endpoint: () => {
      viaEndpoint = true;
    },
    include: (placement) => {
      viaInclude = placement;
    },
    sharedPage: () => {
      shared = true;
    },
  };
}

/** The record, with each notice's delivery as `delivered` says (null: not delivered). */
export function decisionRecord(
  input: DecisionInput,
  delivered: (notice: DecidedNotice) => Delivery | null,
): DecisionRecord {
  const { req, res } = input;
  return buildDecisionRecord({
    time: input.time,
    ip: auditIp(normaliseIp(req.ip ?? req.socket?.remoteAddress)?.address, input.ipMode),
    visitor: input.visitor,
    notices: input.notices,
    rulesVersion: input.rulesVersion,
    method: req.method ?? 'GET',
    status: res.statusCode,
    source: input.source,
    preview: input.preview,
    purpose: fetchPurpose(requestHeadersOf(req)),
    complete: res.writableFinished,
    delivered,
  });
}

/** The ids the `Geonotice` response header named. */
function headerIds(res: ServerResponse): Set<string> {
  const header = res.getHeader('Geonotice');
  return new Set(typeof header === 'string' ? header.split(',').map((id) => id.trim()) : []);
}

/**
 * Whether the page's template was handed `res.locals.geonotice`: a read of the property is
 * noticed (Express's `res.render` reads every local). Called just after geonotice put the
 * decision there, as a plain value.
 */
function watchLocalsRead(res: ServerResponse & { locals?: Record<string, unknown> }): () => boolean {
  const locals = res.locals;
  const descriptor = locals && Object.getOwnPropertyDescriptor(locals, 'geonotice');
  if (locals === undefined || descriptor === undefined || !descriptor.configurable || !('value' in descriptor))
    return () => false;
  const decided: unknown = descriptor.value;
  let read = false;
  defineWatched(locals, { geonotice: decided }, () => (read = true), { writable: true });
  return () => read;
}

/**
 * Where each provider's answers come from, by the name `locate` reports: the build date of the
 * geo data for the providers that read geoip-lite's files, null for the others.
 */
export function sourceOf(providers: readonly GeoProvider[]): (name: string | null) => DecisionSource {
  const dates = new Map<string, string | null>();
  providers.forEach((provider, index) => {
    let date: string | null = null;
    if (readsGeoipData(provider)) {
      try {
        date = geoDataInfo().builtAt;
      } catch {
        date = null;
      }
    }
    dates.set(providerName(provider, index), date);
  });
  const sources = new Map<string | null, DecisionSource>();
  return (name) => {
    let source = sources.get(name);
    if (source === undefined)
      sources.set(
        name,
        (source = Object.freeze({ provider: name, dataDate: name === null ? null : (dates.get(name) ?? null) })),
      );
    return source;
  };
}
