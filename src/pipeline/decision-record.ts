import type { DecidedNotice, Placement, Visitor } from '../core/types';
import type { RequestHeaders } from './headers';
import type { InjectionReport } from './html/injector';

/**
 * One request's decision and what the response actually delivered, for an audit log. Written when
 * the response has finished (or its connection closed), so that it says what was shown, not only
 * what was decided. The address is cut to its network by default (IPv4 /24, IPv6 /48).
 */
export interface DecisionRecord {
  /** When the decision was made, ISO 8601. */
  time: string;
  /** The client address as the `audit.ip` option treats it; null when there is none. */
  ip: string | null;
  country: string | null;
  region: string | null;
  languages: readonly string[];
  path: string;
  /** Every notice the decision applied, in display order, delivered or not (see `shown`). */
  notices: readonly string[];
  rulesVersion: string;
  /** A unique id of this decision. */
  id: string;
  method: string;
  /** The HTTP status of the response. */
  status: number;
  /** The notices the response delivered, and how; a notice decided but not delivered is absent. */
  shown: readonly ShownNotice[];
  /** Which geo provider located the visitor, and the date of its data. */
  source: DecisionSource;
  /** Present (true) when a preview token chose the visitor: QA, not a real visitor. */
  preview?: true;
  /** Present when the browser asked ahead of a navigation (`Sec-Purpose`): the visitor may never see the page. */
  purpose?: 'prefetch' | 'prerender';
  /** False when the connection closed before the response was complete. */
  complete: boolean;
}

/**
 * How a notice reached the visitor: `body`, written into the page by geonotice; `locals`, handed
 * to the page's template (`res.locals.geonotice` was read while rendering); `endpoint`, answered
 * as JSON by the `endpoint` option; `header`, named only in the `Geonotice` response header.
 */
export type Delivery = 'body' | 'header' | 'locals' | 'esi' | 'endpoint';

export interface ShownNotice {
  id: string;
  language: string;
  placement: Placement;
  delivered: Delivery;
}

export interface DecisionSource {
  /** The provider's name (`geoip-lite`, `cdn-header:cf-ipcountry`, `preview`); null when no provider knew. */
  provider: string | null;
  /** The build date of the provider's data (`2023-11-15`), where it has one. */
  dataDate: string | null;
  /**
   * The rules' network the visitor's address or AS number is in, when a notice applied because of
   * it (`occupied-ukraine-isps`, entry `AS201776`, Miranda-Media Ltd): whatever the geo data said.
   */
  network?: { network: string; entry: string; label?: string };
}

/** What a record is made of, gathered by the runtime's adapter as the response went out. */
export interface RecordFacts {
  time: Date;
  /** The client address, already as the audit options keep it. */
  ip: string | null;
  visitor: Visitor;
  notices: readonly DecidedNotice[];
  rulesVersion: string;
  method: string;
  status: number;
  source: DecisionSource;
  preview: boolean;
  purpose: 'prefetch' | 'prerender' | null;
  complete: boolean;
  /** How each notice was delivered; null for a notice the response did not carry. */
  delivered: (notice: DecidedNotice) => Delivery | null;
}

export function buildDecisionRecord(facts: RecordFacts): DecisionRecord {
  const { visitor, notices } = facts;
  const shown: ShownNotice[] = [];
  for (const notice of notices) {
    const how = facts.delivered(notice);
    if (how !== null)
      shown.push({ id: notice.id, language: notice.language, placement: notice.placement, delivered: how });
  }
  const record: DecisionRecord = {
    time: facts.time.toISOString(),
    ip: facts.ip,
    country: visitor.country,
    region: visitor.region,
    languages: visitor.languages,
    path: visitor.path,
    notices: notices.map((notice) => notice.id),
    rulesVersion: facts.rulesVersion,
    id: crypto.randomUUID(),
    method: facts.method,
    status: facts.status,
    shown,
    source: facts.source,
    complete: facts.complete,
  };
  if (facts.preview) record.preview = true;
  if (facts.purpose !== null) record.purpose = facts.purpose;
  return record;
}

const INSERTION_OF = { 'body-start': 'bodyStart', 'body-end': 'bodyEnd', marker: 'marker' } as const;

/** The strongest way a notice reached the visitor: in the page, to its template, or in the header only. */
export function deliveryOf(
  notice: DecidedNotice,
  report: Readonly<InjectionReport> | null,
  localsRead: boolean,
  inHeader: ReadonlySet<string>,
): Delivery | null {
  if (notice.placement !== 'none' && report !== null && report[INSERTION_OF[notice.placement]] !== null) return 'body';
  if (localsRead) return 'locals';
  return inHeader.has(notice.id) ? 'header' : null;
}

/**
 * `prefetch` or `prerender` when the browser fetched the page ahead of a navigation it may never
 * make: `Sec-Purpose` (and the older `Purpose` and `X-Moz` headers).
 */
export function fetchPurpose(headers: RequestHeaders): 'prefetch' | 'prerender' | null {
  const values = ['sec-purpose', 'purpose', 'x-moz', 'x-purpose']
    .map((name) => headers.get(name))
    .filter((value) => value !== undefined)
    .join(';')
    .toLowerCase();
  if (/\bprerender\b/.test(values)) return 'prerender';
  if (/\bprefetch\b|\bpreview\b/.test(values)) return 'prefetch';
  return null;
}

/** The record's source, naming the rules' network that placed the visitor where one did. */
export function withNetwork(
  source: DecisionSource,
  network: NonNullable<DecisionSource['network']> | null,
): DecisionSource {
  return network === null ? source : { ...source, network };
}
