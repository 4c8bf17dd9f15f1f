import type { RuleProblem } from './errors';
import { childPointer, isWithin, positionOf, type Anchor, type LocationIndex } from './locations';
import type { RawCondition, RawNotice, RawTestCase } from './raw-types';

/** A parsed rule file after the schema check, as the semantic checks and the compiler see it. */
export interface RuleDocument {
  file: string;
  locations: LocationIndex;
  /** The data as written. */
  written: unknown;
  /**
   * The data without the values the schema rejected (see prune-rejected.ts): what is left has
   * the types of raw-types.ts, except that required keys may be missing.
   */
  value: unknown;
  /** Where the schema check found errors; data at and below them is incomplete. */
  errorPointers: readonly string[];
}

/** A problem found by a semantic check, still addressed by pointer. */
export interface Finding {
  document: RuleDocument;
  pointer: string;
  anchor: Anchor;
  message: string;
}

export function finding(document: RuleDocument, pointer: string, message: string, anchor: Anchor = 'value'): Finding {
  return { document, pointer, anchor, message };
}

export function findingToProblem(found: Finding): RuleProblem {
  return { file: found.document.file, ...positionOf(found.document.locations, found.pointer, found.anchor), message: found.message };
}

/** True when the schema check found nothing wrong at or below `pointer`. */
export function isCompleteAt(document: RuleDocument, pointer: string): boolean {
  return !document.errorPointers.some((error) => isWithin(error, pointer));
}

/** A notice as left after pruning: every field present is valid, but required ones may be missing. */
export type PartialNotice = Partial<RawNotice>;

export interface PartialTestCase {
  name?: string;
  visitor?: RawTestCase['visitor'];
  expect?: Partial<RawTestCase['expect']>;
}

export interface NoticeEntry {
  document: RuleDocument;
  pointer: string;
  notice: PartialNotice;
}

export interface TestEntry {
  document: RuleDocument;
  pointer: string;
  test: PartialTestCase;
}

export interface ConditionEntry {
  pointer: string;
  condition: RawCondition;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function listAt(data: unknown, key: string): unknown[] {
  const list = isObject(data) ? data[key] : undefined;
  return Array.isArray(list) ? list : [];
}

/** Every notice object of every file, with whatever of it passed the schema. */
export function noticeEntries(documents: readonly RuleDocument[]): NoticeEntry[] {
  return documents.flatMap((document) =>
    listAt(document.value, 'notices').flatMap((notice, index) =>
      isObject(notice) ? [{ document, pointer: childPointer('/notices', index), notice: notice }] : [],
    ),
  );
}

/** Every test case of every file, with whatever of it passed the schema. */
export function testEntries(documents: readonly RuleDocument[]): TestEntry[] {
  return documents.flatMap((document) =>
    listAt(document.value, 'tests').flatMap((test, index) =>
      isObject(test) ? [{ document, pointer: childPointer('/tests', index), test: test }] : [],
    ),
  );
}

/**
 * Every notice id written anywhere, valid or not: checks that refer to ids (overrides, tests)
 * use this, so one broken notice does not also make every reference to it an error.
 */
export function writtenNoticeIds(documents: readonly RuleDocument[]): Set<string> {
  const ids = new Set<string>();
  for (const document of documents) {
    for (const notice of listAt(document.written, 'notices')) {
      if (isObject(notice) && typeof notice.id === 'string') ids.add(notice.id);
    }
  }
  return ids;
}

/** A notice's `when` as a list of conditions with their pointers: absent → none, one object → one. */
export function conditionsOf(entry: NoticeEntry): ConditionEntry[] {
  const when = entry.notice.when;
  const whenPointer = childPointer(entry.pointer, 'when');
  if (when === undefined) return [];
  if (Array.isArray(when)) {
    // Conditions the schema rejected are holes; the others keep their index.
    return when.flatMap((condition, index) => (isObject(condition) ? [{ pointer: childPointer(whenPointer, index), condition }] : []));
  }
  return Object.keys(when).length === 0 ? [] : [{ pointer: whenPointer, condition: when }];
}
