import type { Notice } from '../core/types';
import { utcDay } from './dates';
import { parentSubdivision } from './iso-codes';
import { childPointer } from './locations';
import { activeFromNowOn, impossibleConditionReason, noticeAlwaysMatches, onlyUnknownLocationsReason } from './never-applies';
import { conditionsOf, finding, type Finding, type NoticeEntry } from './rule-document';
import { translationWarnings } from './translation-warnings';

export interface CompiledEntry {
  entry: NoticeEntry;
  notice: Notice;
}

/**
 * What `validate` warns about without failing: a review date that has passed, a notice missing
 * a language that other notices give the same visitors, and rules that can never apply.
 */
export function ruleWarnings(compiled: readonly CompiledEntry[], allNotices: readonly NoticeEntry[], now: Date): Finding[] {
  // Every notice that something overrides, including ones not compiled because of errors.
  const overriddenIds = new Set(allNotices.flatMap(({ notice }) => notice.overrides ?? []));
  return [
    ...reviewWarnings(compiled, now),
    ...translationWarnings(compiled),
    ...expiredWarnings(compiled, now),
    ...conditionWarnings(compiled),
    ...hiddenByOverrideWarnings(compiled, overriddenIds, now),
    ...subdivisionLevelWarnings(compiled),
  ];
}

/**
 * Second-level subdivisions (`FR-75C`, inside `FR-IDF`): geo data and CDNs give the first level
 * at most, so a condition on one never matches a located visitor. Reported at the entry that
 * names the code, or the set that includes it.
 */
function subdivisionLevelWarnings(compiled: readonly CompiledEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, notice } of compiled) {
    const written = conditionsOf(entry);
    notice.conditions.forEach((condition, index) => {
      const raw = written[index];
      for (const [key, regions] of [['regions', condition.regions], ['not_regions', condition.notRegions]] as const) {
        if (regions === undefined || raw === undefined) continue;
        const reported = new Set<string>();
        regions.written.forEach((item, position) => {
          // A set name stands for the codes of the sets written; each is reported once, at the first set.
          const codes = item === item.toUpperCase() ? [item] : [...regions.subdivisions].filter((code) => !regions.written.includes(code));
          for (const code of codes) {
            const parent = parentSubdivision(code);
            if (parent === undefined || reported.has(code)) continue;
            reported.add(code);
            const via = code === item ? '' : ` (in region set "${item}")`;
            findings.push(
              finding(
                entry.document,
                childPointer(childPointer(raw.pointer, key), position),
                `${code}${via} is a second-level subdivision inside ${parent}: no geo data or CDN locates visitors at that level, so it never matches; use ${parent}`,
              ),
            );
          }
        });
      }
    });
  }
  return findings;
}

function reviewWarnings(compiled: readonly CompiledEntry[], now: Date): Finding[] {
  const today = utcDay(now);
  return compiled
    .filter(({ notice }) => notice.reviewBy !== undefined && notice.reviewBy < today)
    .map(({ entry, notice }) =>
      finding(entry.document, childPointer(entry.pointer, 'review_by'), `notice "${notice.id}" was due for review on ${notice.reviewBy}`),
    );
}

function expiredWarnings(compiled: readonly CompiledEntry[], now: Date): Finding[] {
  return compiled
    .filter(({ notice }) => notice.active?.until !== undefined && notice.active.until.getTime() <= now.getTime())
    .map(({ entry, notice }) =>
      finding(
        entry.document,
        childPointer(childPointer(entry.pointer, 'active'), 'until'),
        `notice "${notice.id}" can never apply again: its active window ended on ${entry.notice.active?.until}`,
      ),
    );
}

/** Whole notices whose every condition is impossible, else single conditions worth a word. */
function conditionWarnings(compiled: readonly CompiledEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, notice } of compiled) {
    const reasons = notice.conditions.map(impossibleConditionReason);
    if (reasons.length > 0 && reasons.every((reason) => reason !== null)) {
      const detail = reasons.length === 1 ? reasons[0] : 'none of its conditions can hold';
      findings.push(finding(entry.document, childPointer(entry.pointer, 'when'), `notice "${notice.id}" can never apply: ${detail}`, 'key'));
      continue;
    }
    const pointers = conditionsOf(entry).map(({ pointer }) => pointer);
    notice.conditions.forEach((condition, index) => {
      const pointer = pointers[index] ?? childPointer(entry.pointer, 'when');
      const impossible = reasons[index];
      const onlyUnknown = onlyUnknownLocationsReason(condition);
      if (impossible) {
        findings.push(finding(entry.document, pointer, `a condition of notice "${notice.id}" never holds: ${impossible}`));
      } else if (onlyUnknown) {
        findings.push(finding(entry.document, pointer, `a condition of notice "${notice.id}" holds only for visitors whose location is unknown: ${onlyUnknown}`));
      }
    });
  }
  return findings;
}

/** A notice that applies to everyone, from now on, and that nothing overrides, hides all it overrides. */
function hiddenByOverrideWarnings(compiled: readonly CompiledEntry[], overriddenIds: ReadonlySet<string>, now: Date): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(compiled.map((item) => [item.notice.id, item]));
  for (const { notice } of compiled) {
    if (overriddenIds.has(notice.id) || !noticeAlwaysMatches(notice) || !activeFromNowOn(notice, now)) continue;
    for (const target of notice.overrides) {
      const hidden = byId.get(target);
      if (!hidden) continue;
      const pointer = childPointer(hidden.entry.pointer, 'id');
      findings.push(finding(hidden.entry.document, pointer, `notice "${target}" can never apply: "${notice.id}" overrides it and applies to every visitor`));
    }
  }
  return findings;
}
