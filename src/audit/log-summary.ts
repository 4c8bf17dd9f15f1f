/**
 * What an audit log says was shown: per notice × region × language × day × rules version, how
 * often a notice reached a visitor, with the first and last time, plus the gaps where records
 * were dropped. Previews (QA choosing a location) are left out and counted; prefetches and
 * prerenders (which the visitor may never see) are counted apart from real views.
 */

export interface SummaryRow {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  notice: string;
  /** The visitor's subdivision, else country, else `unknown`. */
  region: string;
  language: string;
  rulesVersion: string;
  /** Delivered to a visitor in the page (body, template, endpoint, ESI). */
  shown: number;
  /** Named only in the `Geonotice` response header. */
  headerOnly: number;
  /** Delivered to a prefetch or prerender the visitor may never have seen. */
  prefetched: number;
  firstSeen: string;
  lastSeen: string;
}

export interface DroppedGap {
  count: number;
  from: string | null;
  until: string | null;
  chain: string | null;
  file: string;
  line: number;
}

export interface SummaryTotals {
  /** Decision records read (in the time range). */
  records: number;
  /** Records left out because a preview token chose the visitor. */
  previews: number;
  /** Records of prefetch or prerender requests. */
  prefetches: number;
  /** Records whose response delivered no notice. */
  withoutNotice: number;
  /** Records whose connection closed before the response was complete. */
  incomplete: number;
  /** Records dropped by the writer, from its gap lines. */
  dropped: number;
  /** Earliest and latest record time in range. */
  first: string | null;
  last: string | null;
}

export interface TimeRange {
  /** Inclusive, epoch ms; null for open. */
  fromMs: number | null;
  /** Exclusive, epoch ms; null for open. */
  untilMs: number | null;
}

interface ShownEntry {
  id?: unknown;
  language?: unknown;
  delivered?: unknown;
}

export class LogSummary {
  readonly totals: SummaryTotals = {
    records: 0,
    previews: 0,
    prefetches: 0,
    withoutNotice: 0,
    incomplete: 0,
    dropped: 0,
    first: null,
    last: null,
  };
  readonly gaps: DroppedGap[] = [];
  private readonly rows = new Map<string, SummaryRow>();

  constructor(private readonly range: TimeRange) {}

  /** One parsed line; lines that are neither records nor gaps (start, checkpoint, end) are skipped. */
  add(value: Record<string, unknown>, file: string, line: number): void {
    if (typeof value.dropped === 'number') {
      const from = typeof value.from === 'string' ? value.from : null;
      const until = typeof value.until === 'string' ? value.until : null;
      if (!this.overlaps(from, until)) return;
      this.totals.dropped += value.dropped;
      this.gaps.push({
        count: value.dropped,
        from,
        until,
        chain: typeof value.chain === 'string' ? value.chain : null,
        file,
        line,
      });
      return;
    }
    if (typeof value.id !== 'string' || typeof value.time !== 'string') return;
    const ms = Date.parse(value.time);
    if (!this.inRange(ms)) return;
    const totals = this.totals;
    totals.records += 1;
    if (totals.first === null || value.time < totals.first) totals.first = value.time;
    if (totals.last === null || value.time > totals.last) totals.last = value.time;
    if (value.preview === true) {
      totals.previews += 1;
      return;
    }
    const prefetch = value.purpose === 'prefetch' || value.purpose === 'prerender';
    if (prefetch) totals.prefetches += 1;
    if (value.complete === false) totals.incomplete += 1;
    const shown = Array.isArray(value.shown) ? (value.shown as ShownEntry[]) : [];
    if (shown.length === 0) totals.withoutNotice += 1;
    const region =
      typeof value.region === 'string' ? value.region : typeof value.country === 'string' ? value.country : 'unknown';
    const rulesVersion = typeof value.rulesVersion === 'string' ? value.rulesVersion : '?';
    const day = value.time.slice(0, 10);
    for (const entry of shown) {
      if (typeof entry.id !== 'string') continue;
      const language = typeof entry.language === 'string' ? entry.language : '?';
      const key = [day, entry.id, region, language, rulesVersion].join('\n');
      let row = this.rows.get(key);
      if (row === undefined) {
        row = {
          day,
          notice: entry.id,
          region,
          language,
          rulesVersion,
          shown: 0,
          headerOnly: 0,
          prefetched: 0,
          firstSeen: value.time,
          lastSeen: value.time,
        };
        this.rows.set(key, row);
      }
      if (prefetch) row.prefetched += 1;
      else if (entry.delivered === 'header') row.headerOnly += 1;
      else row.shown += 1;
      if (value.time < row.firstSeen) row.firstSeen = value.time;
      if (value.time > row.lastSeen) row.lastSeen = value.time;
    }
  }

  /** The rows, by day, notice, region, language and rules version. */
  summaryRows(): SummaryRow[] {
    const order = (row: SummaryRow): string =>
      [row.day, row.notice, row.region, row.language, row.rulesVersion].join('\n');
    return [...this.rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }

  private inRange(ms: number): boolean {
    if (Number.isNaN(ms)) return false;
    return (
      (this.range.fromMs === null || ms >= this.range.fromMs) &&
      (this.range.untilMs === null || ms < this.range.untilMs)
    );
  }

  private overlaps(from: string | null, until: string | null): boolean {
    const start = from === null ? -Infinity : Date.parse(from);
    const end = until === null ? Infinity : Date.parse(until);
    return (
      (this.range.untilMs === null || start < this.range.untilMs) &&
      (this.range.fromMs === null || end >= this.range.fromMs)
    );
  }
}
