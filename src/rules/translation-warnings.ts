import { lookupChain, tagMatches } from '../core/language';
import type { Condition, Notice, RegionSet } from '../core/types';
import { childPointer } from './locations';
import { finding, type Finding, type NoticeEntry } from './rule-document';
import type { CompiledEntry } from './warnings';

/**
 * A notice lacks a translation where it matters: another notice has a message in a language, the
 * two can reach the same visitors who read it, and this notice has no message those visitors would
 * get (a `pt` message serves `pt-BR` readers). A notice that lists its languages in
 * `message_languages` has them on purpose and is not asked for more.
 */
export function translationWarnings(compiled: readonly CompiledEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const { entry, notice } of compiled) {
    if (entry.notice.message_languages !== undefined) continue;
    const wanted = new Map<string, string>();
    for (const other of compiled) {
      if (other.notice === notice) continue;
      for (const tag of Object.keys(other.notice.messages)) {
        if (wanted.has(tag) || servesTag(notice, tag) || !shareReaders(notice, other.notice, tag)) continue;
        wanted.set(tag, other.notice.id);
      }
    }
    if (wanted.size > 0) findings.push(missingTranslation(entry, notice, wanted));
  }
  return findings;
}

function missingTranslation(entry: NoticeEntry, notice: Notice, wanted: ReadonlyMap<string, string>): Finding {
  const tags = [...wanted.keys()].sort();
  const others = [...new Set(tags.map((tag) => wanted.get(tag)))];
  const named = others.map((id) => `"${id}"`).join(', ');
  return finding(
    entry.document,
    childPointer(entry.pointer, 'messages'),
    `notice "${notice.id}" has no message in ${tags.join(', ')}, which ${named} ${others.length === 1 ? 'has' : 'have'} for visitors both reach; ` +
      'add it, or list the languages this notice is meant to have in message_languages',
    'key',
  );
}

/** Whether a reader of `tag` (or of a more specific tag) gets one of the notice's own messages. */
function servesTag(notice: Notice, tag: string): boolean {
  return lookupChain(tag).some((candidate) => Object.hasOwn(notice.messages, candidate));
}

/** Whether some visitor who reads `tag` can meet both notices. */
function shareReaders(a: Notice, b: Notice, tag: string): boolean {
  return conditionsOf(a).some((left) => readsTag(left, tag) && conditionsOf(b).some((right) => readsTag(right, tag) && sharePlace(left, right)));
}

const EVERYONE: readonly Partial<Condition>[] = [{}];

function conditionsOf(notice: Notice): readonly Partial<Condition>[] {
  return notice.conditions.length === 0 ? EVERYONE : notice.conditions;
}

/** Whether a visitor reading `tag`, or a more specific tag, can meet the condition's language keys. */
function readsTag(condition: Partial<Condition>, tag: string): boolean {
  const { languages, notLanguages } = condition;
  if (languages !== undefined && !languages.some((rule) => tagMatches(rule, tag) || tagMatches(tag, rule))) return false;
  return notLanguages === undefined || !notLanguages.some((rule) => tagMatches(rule, tag));
}

/**
 * Whether two conditions can hold in the same place. A condition on networks alone stands for the
 * place those networks serve, which is no region another condition names; one on neither holds
 * everywhere. Visitors whose location is unknown are left out: they get the default language.
 */
function sharePlace(a: Partial<Condition>, b: Partial<Condition>): boolean {
  if (a.regions !== undefined && b.regions !== undefined) return regionsOverlap(a.regions, b.regions);
  const located = a.regions ?? b.regions;
  const other = a.regions === undefined ? a : b;
  if (located === undefined) return true;
  return other.networks === undefined;
}

function regionsOverlap(a: RegionSet, b: RegionSet): boolean {
  const within = (subdivision: string, set: RegionSet): boolean => set.subdivisions.has(subdivision) || set.countries.has(subdivision.slice(0, 2));
  for (const country of a.countries) if (b.countries.has(country)) return true;
  for (const subdivision of a.subdivisions) if (within(subdivision, b)) return true;
  for (const subdivision of b.subdivisions) if (within(subdivision, a)) return true;
  return false;
}
