/** Whether a candidate notice matches a visitor at an instant, before overrides are taken into account. */
import { isActiveAt } from './active-window';
import { anyConditionHolds } from './condition';
import type { Candidate } from './decision-index';
import type { Visitor } from './types';

export function candidateMatches(candidate: Candidate, visitor: Visitor, nowMs: number): boolean {
  return isActiveAt(candidate.prepared.bounds, nowMs) && anyConditionHolds(candidate.conditions, visitor);
}
