/**
 * Verifies the chains of an audit log (see adapters/node-http/audit-log.ts), line by line as they are read,
 * in bounded memory: every line of a chain carries `seq` (its place) and `prev` (the hash of the
 * line before it). A line altered is found by the next line's `prev`; a line removed by the gap
 * it leaves in `seq`; lines reordered by a `seq` that comes late; a line inserted by a repeated
 * `seq` or a `prev` that matches nothing.
 */
import { lineHash } from './log-format';

/** Where a line is: its file and 1-based line number. */
export interface LineLocation {
  file: string;
  line: number;
}

export interface ChainProblem extends LineLocation {
  chain: string | null;
  kind: 'altered' | 'removed' | 'reordered' | 'duplicated' | 'unchained' | 'malformed' | 'unverifiable';
  message: string;
}

export interface ChainReport {
  chain: string;
  lines: number;
  /** The start line was there (the chain's first line, seq 0). */
  started: boolean;
  /** The end line was there: the middleware closed the log. */
  ended: boolean;
  /** Whether the chain's hashes are HMACs under a key; null when its start line is missing. */
  keyed: boolean | null;
  /** Whether its hashes were checked (a keyed chain needs the key). */
  hashesChecked: boolean;
  first: LineLocation;
  last: LineLocation;
}

/** How far back a late line can still be matched to its neighbours' hashes. */
const WINDOW = 10_000;
/** A gap larger than this is reported as one range without remembering each missing line. */
const MAX_TRACKED_GAP = 100_000;

interface Seen {
  hash: string | null;
  location: LineLocation;
}

interface ChainState {
  report: ChainReport;
  maxSeq: number;
  seen: Map<number, Seen>;
  /** Lines whose predecessor has not come yet: the hash they expect it to have. */
  waiting: Map<number, { prev: string | null; location: LineLocation }>;
  /** Seqs skipped over and not seen yet, with where the gap was found. */
  missing: Map<number, { after: LineLocation; before: LineLocation }>;
}

export class ChainVerifier {
  readonly problems: ChainProblem[] = [];
  private readonly chains = new Map<string, ChainState>();

  /** `key`: the HMAC key of keyed chains, null when none was given. */
  constructor(private readonly key: string | null) {}

  /** One line of the log, as read (without its line break), and what it parsed to. */
  add(text: string, value: Record<string, unknown>, location: LineLocation): void {
    const { chain, seq, prev } = value;
    if (typeof chain !== 'string' || !Number.isSafeInteger(seq) || (prev !== null && typeof prev !== 'string')) {
      this.problem(
        null,
        'unchained',
        location,
        'the line is in no chain (no chain, seq and prev): it was added, or written by a version of geonotice without chains',
      );
      return;
    }
    const state = this.stateOf(chain, value, location);
    const place = seq as number;
    const { report } = state;
    report.lines += 1;
    report.last = location;
    if (typeof value.end === 'object' && value.end !== null) report.ended = true;

    const earlier = state.seen.get(place);
    if (earlier !== undefined) {
      this.problem(
        chain,
        'duplicated',
        location,
        `seq ${place} again (first at ${where(earlier.location)}): a line was inserted or copied`,
      );
      return;
    }
    if (place > state.maxSeq + 1) this.gap(state, state.maxSeq + 1, place - 1, location);
    if (place <= state.maxSeq) {
      state.missing.delete(place);
      const latest = state.seen.get(state.maxSeq)?.location;
      this.problem(
        chain,
        'reordered',
        location,
        `seq ${place} comes after seq ${state.maxSeq}${latest === undefined ? '' : ` (${where(latest)})`}: lines are out of order`,
      );
    }

    const hash = this.hashOf(text, report);
    if (place === 0) {
      if (prev !== null)
        this.problem(chain, 'altered', location, 'the chain\'s first line carries a "prev": it was altered');
    } else {
      const before = state.seen.get(place - 1);
      if (before !== undefined) this.compare(chain, before, prev, location, place);
      else state.waiting.set(place, { prev: prev, location });
    }
    const after = state.waiting.get(place + 1);
    if (after !== undefined) {
      state.waiting.delete(place + 1);
      this.compare(chain, { hash, location }, after.prev, after.location, place + 1);
    }
    state.seen.set(place, { hash, location });
    if (place > state.maxSeq) state.maxSeq = place;
    if (state.seen.size > 2 * WINDOW) this.forget(state);
  }

  /** Ends the reading: lines still missing are removed ones. Returns every chain's report. */
  finish(): ChainReport[] {
    for (const [chain, state] of this.chains) {
      const missing = [...state.missing.entries()].sort(([a], [b]) => a - b);
      for (let i = 0; i < missing.length;) {
        let j = i;
        while (
          j + 1 < missing.length &&
          (missing[j + 1] as [number, unknown])[0] === (missing[j] as [number, unknown])[0] + 1
        )
          j++;
        const [from, { after, before }] = missing[i] as [number, { after: LineLocation; before: LineLocation }];
        const to = (missing[j] as [number, unknown])[0];
        const count = to - from + 1;
        this.problem(
          chain,
          'removed',
          before,
          `${count === 1 ? `1 line (seq ${from}) is` : `${count} lines (seq ${from}–${to}) are`} missing between ${where(after)} and here: removed`,
        );
        i = j + 1;
      }
    }
    return [...this.chains.values()].map((state) => state.report);
  }

  private stateOf(chain: string, value: Record<string, unknown>, location: LineLocation): ChainState {
    let state = this.chains.get(chain);
    if (state !== undefined) return state;
    const start = value.start;
    const keyed = typeof start === 'object' && start !== null ? (start as { keyed?: unknown }).keyed === true : null;
    const report: ChainReport = {
      chain,
      lines: 0,
      started: value.seq === 0 && start !== undefined,
      ended: false,
      keyed,
      hashesChecked: true,
      first: location,
      last: location,
    };
    state = { report, maxSeq: -1, seen: new Map(), waiting: new Map(), missing: new Map() };
    this.chains.set(chain, state);
    if (value.seq !== 0) {
      state.maxSeq = (value.seq as number) - 1;
      this.problem(
        chain,
        'removed',
        location,
        `the chain begins at seq ${String(value.seq)}: its first lines are missing (removed, or in a file not given)`,
      );
    }
    if (keyed === true && this.key === null) {
      report.hashesChecked = false;
      this.problem(
        chain,
        'unverifiable',
        location,
        'the chain is keyed (HMAC): give its key with --key (or GEONOTICE_AUDIT_KEY) to verify it',
      );
    } else if (keyed === false && this.key !== null) {
      this.problem(
        chain,
        'unverifiable',
        location,
        'a key was given, but this chain is not keyed: anyone who can write the file could have rewritten it',
      );
    }
    return state;
  }

  private hashOf(text: string, report: ChainReport): string | null {
    if (!report.hashesChecked) return null;
    return lineHash(text, report.keyed === false ? null : this.key);
  }

  private compare(chain: string, before: Seen, prev: string | null, location: LineLocation, place: number): void {
    if (before.hash === null || before.hash === prev) return;
    this.problem(
      chain,
      'altered',
      before.location,
      `does not match the hash that seq ${place} (${where(location)}) carries: this line, or that one's "prev", was altered`,
    );
  }

  private gap(state: ChainState, from: number, to: number, before: LineLocation): void {
    const after = state.seen.get(state.maxSeq)?.location ?? before;
    if (to - from + 1 > MAX_TRACKED_GAP) {
      this.problem(
        state.report.chain,
        'removed',
        before,
        `${to - from + 1} lines (seq ${from}–${to}) are missing between ${where(after)} and here: removed`,
      );
      return;
    }
    for (let seq = from; seq <= to; seq++) state.missing.set(seq, { after, before });
  }

  /** Drops the hashes of lines too far back to be matched again. */
  private forget(state: ChainState): void {
    for (const seq of state.seen.keys()) if (seq < state.maxSeq - WINDOW) state.seen.delete(seq);
  }

  private problem(chain: string | null, kind: ChainProblem['kind'], location: LineLocation, message: string): void {
    this.problems.push({ chain, kind, ...location, message });
  }
}

export function where(location: LineLocation): string {
  return `${location.file}:${location.line}`;
}
