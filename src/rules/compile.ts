import type { Notice, RuleTestCase, SourceLocation } from '../core/types';
import { buildNotice, buildTestCase, type NamedParts } from './rule-parts';
import { positionOf } from './locations';
import type { RawNotice, RawTestCase } from './raw-types';
import { conditionsOf, type NoticeEntry, type RuleDocument, type TestEntry } from './rule-document';

/** A notice of a rule file that passed every check, as the core's `Notice` (see rule-parts.ts). */
export function noticeOfEntry(entry: NoticeEntry, named: NamedParts): Notice {
  // Called only for notices without any problem, so every required field is there.
  const notice = entry.notice as RawNotice;
  const conditions = conditionsOf(entry).map(({ pointer, condition }) => ({ condition, source: sourceAt(entry.document, pointer) }));
  return buildNotice({ notice, conditions, source: sourceAt(entry.document, entry.pointer) }, named);
}

/** Called only when the whole rule set is free of errors, so the case is complete. */
export function compileTestCase(entry: TestEntry): RuleTestCase {
  return buildTestCase(entry.test as RawTestCase, sourceAt(entry.document, entry.pointer));
}

export function sourceAt(document: RuleDocument, pointer: string): SourceLocation {
  return { file: document.file, ...positionOf(document.locations, pointer) };
}
