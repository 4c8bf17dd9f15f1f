/**
 * `overrides`, read literally: a notice is suppressed only by a notice that itself applies. With
 * A overrides B overrides C and all three matching, A suppresses B, so B suppresses nothing, and
 * A and C apply. Resolving that needs each suppressor's final status before the notices it
 * overrides, so every list of notices carries a plan: an order in which suppressors come first.
 */
import type { Notice } from './types';
import { ErrorCodes, GeonoticeError } from '../errors';

/** How to resolve overrides among one list of notices. Indices point into that list. */
export interface OverridePlan {
  /** Every index comes after the indices of all notices in the list that override it. */
  readonly order: readonly number[];
  /** For each index, the indices of the notices in the list that override it. */
  readonly suppressors: readonly (readonly number[])[];
}

/**
 * A rank per notice id such that every notice ranks before the notices it overrides (Kahn's
 * algorithm). Overrides naming unknown ids are ignored here: the loader reports them.
 * Throws on a cycle, which the loader also rejects, so a hand-built rule set cannot loop.
 */
export function overrideRanks(notices: readonly Notice[]): Map<string, number> {
  const ids = new Set(notices.map((notice) => notice.id));
  const pending = new Map<string, number>();
  for (const notice of notices) pending.set(notice.id, 0);
  for (const notice of notices) {
    for (const target of new Set(notice.overrides)) {
      if (ids.has(target)) pending.set(target, (pending.get(target) ?? 0) + 1);
    }
  }
  const byId = new Map(notices.map((notice) => [notice.id, notice]));
  const ready = notices.filter((notice) => pending.get(notice.id) === 0).map((n) => n.id);
  const ranks = new Map<string, number>();
  while (ready.length > 0) {
    const id = ready.shift() as string;
    ranks.set(id, ranks.size);
    for (const target of new Set(byId.get(id)?.overrides ?? [])) {
      if (!ids.has(target)) continue;
      const left = (pending.get(target) ?? 0) - 1;
      pending.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  if (ranks.size < notices.length) {
    const looping = notices.filter((notice) => !ranks.has(notice.id)).map((notice) => notice.id);
    throw new GeonoticeError(ErrorCodes.rules, `overrides form a cycle among notices: ${looping.join(', ')}`);
  }
  return ranks;
}

/** The plan for one list, or null when no notice in it overrides another one in it. */
export function planOverrides(list: readonly Notice[], ranks: ReadonlyMap<string, number>): OverridePlan | null {
  const position = new Map(list.map((notice, index) => [notice.id, index]));
  const suppressors: number[][] = list.map(() => []);
  let edges = 0;
  list.forEach((notice, index) => {
    for (const target of new Set(notice.overrides)) {
      const targetIndex = position.get(target);
      if (targetIndex === undefined) continue;
      suppressors[targetIndex]?.push(index);
      edges += 1;
    }
  });
  if (edges === 0) return null;
  const rankOf = (index: number): number => ranks.get(list[index]?.id ?? '') ?? 0;
  const order = list.map((_, index) => index).sort((a, b) => rankOf(a) - rankOf(b));
  return { order, suppressors };
}

/**
 * Turns "matches" into "applies", in place: a matching notice stops applying when a notice that
 * overrides it applies. `states[i]` is 1 for a match on entry, 1 for "applies" on return.
 */
export function resolveOverrides(plan: OverridePlan, states: Uint8Array): void {
  for (const index of plan.order) {
    if (states[index] === 0) continue;
    for (const suppressor of plan.suppressors[index] ?? []) {
      if (states[suppressor] === 1) {
        states[index] = 0;
        break;
      }
    }
  }
}
