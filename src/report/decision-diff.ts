/**
 * The semantic diff of two rule sets: both decide over the same region × language table, and each
 * cell reports the notices that appear, disappear or read differently. A YAML edit that changes
 * nothing a visitor sees (a comment, a reordered list, a renamed region set) yields no change.
 */
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice } from '../core/types';
import { decisionTable, locationRows, tableLanguages, type LocationRow } from './decision-table';

/** What a visitor of one region and language sees differently. */
export interface DecisionChange {
  /** Row key: a country or subdivision code, `unknown` or `elsewhere`. */
  region: string;
  regionLabel: string;
  /** A language tag, or `none` (no Accept-Language, or a language no rule names). */
  language: string;
  added: string[];
  removed: string[];
  /** Notices shown in both that read or look different. */
  changed: string[];
  /** For each changed notice, what differs: language, title, text, html, link, placement, style. */
  changedFields: Record<string, string[]>;
}

export interface DecisionDiff {
  rows: LocationRow[];
  languages: string[];
  /** Only the cells that differ, in table order. */
  changes: DecisionChange[];
}

const COMPARED_FIELDS = ['language', 'title', 'text', 'html', 'link', 'placement', 'style'] as const;

export function diffDecisions(before: RuleSet, after: RuleSet, at: Date, path = '/'): DecisionDiff {
  const rows = locationRows([before, after]);
  const languages = tableLanguages([before, after]);
  const old = decisionTable(before, rows, languages, at, path);
  const current = decisionTable(after, rows, languages, at, path);
  const changes: DecisionChange[] = [];
  old.forEach((cell, index) => {
    const now = current[index]?.notices ?? [];
    const change = compareCell(cell.notices, now);
    if (change.added.length + change.removed.length + change.changed.length === 0) return;
    changes.push({ region: cell.location.key, regionLabel: cell.location.label, language: cell.language, ...change });
  });
  return { rows, languages, changes };
}

function compareCell(
  before: readonly DecidedNotice[],
  after: readonly DecidedNotice[],
): Pick<DecisionChange, 'added' | 'removed' | 'changed' | 'changedFields'> {
  const oldById = new Map(before.map((notice) => [notice.id, notice]));
  const newIds = new Set(after.map((notice) => notice.id));
  const changed: string[] = [];
  const changedFields: Record<string, string[]> = {};
  for (const notice of after) {
    const previous = oldById.get(notice.id);
    if (previous === undefined) continue;
    const fields = COMPARED_FIELDS.filter((field) => JSON.stringify(previous[field] ?? null) !== JSON.stringify(notice[field] ?? null));
    if (fields.length === 0) continue;
    changed.push(notice.id);
    changedFields[notice.id] = [...fields];
  }
  return {
    added: after.filter((notice) => !oldById.has(notice.id)).map((notice) => notice.id),
    removed: before.filter((notice) => !newIds.has(notice.id)).map((notice) => notice.id),
    changed,
    changedFields,
  };
}
