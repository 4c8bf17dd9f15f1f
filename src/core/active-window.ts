/** A notice's `active` window: half-open `[from, until)` in UTC. */
import type { ActiveWindow } from './types';

/** The window as epoch milliseconds, open ends as ±Infinity, so the per-request test is two compares. */
export interface ActiveBounds {
  fromMs: number;
  untilMs: number;
}

export function activeBounds(window: ActiveWindow | undefined): ActiveBounds {
  return {
    fromMs: window?.from?.getTime() ?? -Infinity,
    untilMs: window?.until?.getTime() ?? Infinity,
  };
}

export function isActiveAt(bounds: ActiveBounds, nowMs: number): boolean {
  return bounds.fromMs <= nowMs && nowMs < bounds.untilMs;
}

/** `2027-01-01` for a midnight-UTC instant (the usual case, rules give dates), else full ISO 8601. */
export function formatInstant(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** One sentence on whether the window contains `now`, naming the boundary that decides it. */
export function describeActive(window: ActiveWindow | undefined, nowMs: number): string {
  const from = window?.from;
  const until = window?.until;
  if (from === undefined && until === undefined) return 'always active: no active window';
  if (from !== undefined && nowMs < from.getTime()) {
    return `not active yet: starts ${formatInstant(from)}`;
  }
  if (until !== undefined && nowMs >= until.getTime()) {
    return `no longer active: ended ${formatInstant(until)}`;
  }
  const parts: string[] = [];
  if (from !== undefined) parts.push(`started ${formatInstant(from)}`);
  if (until !== undefined) parts.push(`ends ${formatInstant(until)}`);
  return `active: ${parts.join(', ')}`;
}

/** The same as `describeActive`, as a sentence for people who do not read rule files. */
export function describeActivePlainly(window: ActiveWindow | undefined, nowMs: number): string {
  const from = window?.from;
  const until = window?.until;
  if (from === undefined && until === undefined) return 'It is always in force (no active window).';
  if (from !== undefined && nowMs < from.getTime())
    return `It is not in force yet: it starts on ${formatInstant(from)}.`;
  if (until !== undefined && nowMs >= until.getTime())
    return `It is no longer in force: it ended on ${formatInstant(until)}.`;
  const since = from === undefined ? 'It is in force' : `It is in force since ${formatInstant(from)}`;
  return until === undefined ? `${since}.` : `${since}, until ${formatInstant(until)}.`;
}
