/** Whether a notice matches a visitor at an instant, before overrides are taken into account. */
import { isActiveAt } from './active-window';
import { anyConditionHolds } from './condition';
import type { CompiledNotice } from './decision-index';
import type { Visitor } from './types';

export function noticeMatches(compiled: CompiledNotice, visitor: Visitor, nowMs: number): boolean {
  return isActiveAt(compiled.bounds, nowMs) && anyConditionHolds(compiled.conditions, visitor);
}
