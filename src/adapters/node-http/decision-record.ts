/**
 * The audit record of one request: what was decided, and what the response delivered. The record
 * is written when the response finishes (or its connection closes), so that it says which notices
 * the page really carried: a JSON response, a HEAD, a 304 or a failed injection shows nothing in
 * the body, whatever the decision was.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DecidedNotice, Visitor } from '../../core/types';
import { geoDataInfo } from '../../geo/geoip-lite';
import { normaliseIp } from '../../geo/ip';
import { providerName, readsGeoipData } from '../../geo/provider';
import type { GeoProvider } from '../../geo/types';
import type { InjectionReport } from '../../pipeline/html/injector';
import { auditIp } from './anonymise';
import type { DeliveryWatch } from '../../pipeline/delivery-watch';
import type { AuditIpMode, DecisionRecord, DecisionSource, Delivery, ShownNotice } from './options';


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
export function decisionRecord(input: DecisionInput, delivered: (notice: DecidedNotice) => Delivery | null): DecisionRecord {
  const { req, res, visitor, notices } = input;
  const shown: ShownNotice[] = [];
  for (const notice of notices) {
    const how = delivered(notice);
    if (how !== null) shown.push({ id: notice.id, language: notice.language, placement: notice.placement, delivered: how });
  }
  const record: DecisionRecord = {
    time: input.time.toISOString(),
    ip: auditIp(normaliseIp(req.ip ?? req.socket?.remoteAddress)?.address, input.ipMode),
    country: visitor.country,
    region: visitor.region,
    languages: visitor.languages,
    path: visitor.path,
    notices: notices.map((notice) => notice.id),
    rulesVersion: input.rulesVersion,
    id: randomUUID(),
    method: req.method ?? 'GET',
    status: res.statusCode,
    shown,
    source: input.source,
    complete: res.writableFinished,
  };
  if (input.preview) record.preview = true;
  const purpose = fetchPurpose(req);
  if (purpose !== null) record.purpose = purpose;
  return record;
}

const INSERTION_OF = { 'body-start': 'bodyStart', 'body-end': 'bodyEnd', marker: 'marker' } as const;

/** The strongest way a notice reached the visitor: in the page, to its template, or in the header only. */
function deliveryOf(notice: DecidedNotice, report: Readonly<InjectionReport> | null, localsRead: boolean, inHeader: ReadonlySet<string>): Delivery | null {
  if (notice.placement !== 'none' && report !== null && report[INSERTION_OF[notice.placement]] !== null) return 'body';
  if (localsRead) return 'locals';
  return inHeader.has(notice.id) ? 'header' : null;
}

/** The ids the `Geonotice` response header named. */
function headerIds(res: ServerResponse): Set<string> {
  const header = res.getHeader('Geonotice');
  return new Set(typeof header === 'string' ? header.split(',').map((id) => id.trim()) : []);
}

/**
 * `prefetch` or `prerender` when the browser fetched the page ahead of a navigation it may never
 * make: `Sec-Purpose` (and the older `Purpose` and `X-Moz` headers).
 */
export function fetchPurpose(req: IncomingMessage): 'prefetch' | 'prerender' | null {
  const values = [req.headers['sec-purpose'], req.headers.purpose, req.headers['x-moz'], req.headers['x-purpose']]
    .flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .join(';')
    .toLowerCase();
  if (/\bprerender\b/.test(values)) return 'prerender';
  if (/\bprefetch\b|\bpreview\b/.test(values)) return 'prefetch';
  return null;
}

/**
 * Whether the page's template was handed `res.locals.geonotice`: a read of the property is
 * noticed (Express's `res.render` reads every local). An accessor someone else put there is kept
 * and called through.
 */
function watchLocalsRead(res: ServerResponse & { locals?: Record<string, unknown> }): () => boolean {
  const locals = res.locals;
  let read = false;
  if (locals === undefined) return () => false;
  const descriptor = Object.getOwnPropertyDescriptor(locals, 'geonotice');
  if (descriptor === undefined || !descriptor.configurable) return () => read;
  let value: unknown = descriptor.value;
  Object.defineProperty(locals, 'geonotice', {
    configurable: true,
    enumerable: descriptor.enumerable ?? true,
    get() {
      read = true;
      return descriptor.get === undefined ? value : descriptor.get.call(this);
    },
    set(next: unknown) {
      if (descriptor.set !== undefined) descriptor.set.call(this, next);
      else value = next;
    },
  });
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
    if (source === undefined) sources.set(name, (source = Object.freeze({ provider: name, dataDate: name === null ? null : (dates.get(name) ?? null) })));
    return source;
  };
}
