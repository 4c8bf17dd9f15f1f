/**
 * What the rules say, compared notice by notice rather than visitor by visitor: each setting an
 * auditor reads (owner, reference, review date, active window, priority, overrides, placement,
 * style, conditions …), each message's wording in each language, the named region sets and the
 * `tests:` cases. One edit is one entry here, however many visitors it reaches.
 */
import { formatInstant } from '../core/active-window';
import type { NetworkDefinition } from '../core/networks';
import type { RuleSet } from '../core/rule-set';
import type { Condition, Notice, NoticeMessage, RuleTestCase, SourceLocation } from '../core/types';

/** One setting of one notice, old and new, as text; null where the notice or setting is absent. */
export interface SettingChange {
  notice: string;
  setting: string;
  old: string | null;
  new: string | null;
  /** Where the notice is written in the new rules (or in the old ones, for a removed notice). */
  source: SourceLocation;
}

/** One field of one language's message, old and new; null where absent. */
export interface WordingChange {
  notice: string;
  language: string;
  field: 'title' | 'text' | 'html' | 'link';
  old: string | null;
  new: string | null;
}

/** A named region set whose members changed (codes, with nested sets expanded). */
export interface RegionSetChange {
  name: string;
  added: string[];
  removed: string[];
  /** The set exists on only one side. */
  status: 'added' | 'removed' | 'changed';
}

/** A named network whose entries, or their prefixes, changed. */
export interface NetworkChange {
  name: string;
  /** Entries (`AS201776`, `2.60.0.0/14`) only the new side has. */
  added: string[];
  removed: string[];
  /** AS numbers on both sides whose prefixes differ (a refreshed network table). */
  reprefixed: { entry: string; added: string[]; removed: string[] }[];
  status: 'added' | 'removed' | 'changed';
}

export interface TestCasesChange {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface ContentDiff {
  notices: { added: string[]; removed: string[] };
  settings: SettingChange[];
  wording: WordingChange[];
  regionSets: RegionSetChange[];
  networks: NetworkChange[];
  /** The network table's dataset or date, old and new, when it changed. */
  networkTable: { old: string | null; new: string | null } | null;
  tests: TestCasesChange;
  /**
   * The rules' content differs in a way none of the above names. Never expected; kept so that a
   * difference the comparisons above miss is still reported, never taken for a bytes-only change.
   */
  otherwise: boolean;
}

export function diffContent(before: RuleSet, after: RuleSet): ContentDiff {
  const oldIds = new Set(before.notices.map((notice) => notice.id));
  const newIds = new Set(after.notices.map((notice) => notice.id));
  const ids = [...new Set([...before.notices.map((n) => n.id), ...after.notices.map((n) => n.id)])].sort();
  const settings: SettingChange[] = [];
  const wording: WordingChange[] = [];
  for (const id of ids) {
    const old = before.byId.get(id);
    const current = after.byId.get(id);
    settings.push(...settingChanges(id, old, current));
    wording.push(...wordingChanges(id, old, current));
  }
  const diff: ContentDiff = {
    notices: { added: ids.filter((id) => !oldIds.has(id)), removed: ids.filter((id) => !newIds.has(id)) },
    settings,
    wording,
    regionSets: regionSetChanges(before.regionSets, after.regionSets),
    networks: networkChanges(before, after),
    networkTable: tableChange(before, after),
    tests: testChanges(before.tests, after.tests),
    otherwise: false,
  };
  diff.otherwise = !contentDiffers(diff) && canonicalContent(before) !== canonicalContent(after);
  return diff;
}

/** True when the diff names any change of content. */
export function contentDiffers(diff: ContentDiff): boolean {
  const { notices, settings, wording, regionSets, networks, tests } = diff;
  return (
    notices.added.length +
      notices.removed.length +
      settings.length +
      wording.length +
      regionSets.length +
      networks.length >
      0 ||
    diff.networkTable !== null ||
    tests.added.length + tests.removed.length + tests.changed.length > 0 ||
    diff.otherwise
  );
}

/** The settings of a notice as an auditor reads them, in the order of a rule file. */
export function noticeSettings(notice: Notice): [string, string][] {
  return [
    ['description', notice.description],
    ['owner', notice.owner],
    ['reference', notice.reference ?? '—'],
    ['review_by', notice.reviewBy ?? '—'],
    ['priority', String(notice.priority)],
    ['active', describeActiveWindow(notice)],
    ['when', describeWhen(notice.conditions)],
    ['overrides', notice.overrides.length === 0 ? '—' : notice.overrides.join(', ')],
    ['placement', notice.placement],
    ['style', notice.style],
    ['default_language', notice.defaultLanguage],
    ['languages', Object.keys(notice.messages).sort().join(', ')],
  ];
}

function settingChanges(id: string, old: Notice | undefined, current: Notice | undefined): SettingChange[] {
  const source = (current ?? old)?.source as SourceLocation;
  const oldSettings = new Map(old === undefined ? [] : noticeSettings(old));
  const newSettings = new Map(current === undefined ? [] : noticeSettings(current));
  const names = (current ?? old) === undefined ? [] : noticeSettings((current ?? old) as Notice).map(([name]) => name);
  return names
    .filter((name) => oldSettings.get(name) !== newSettings.get(name))
    .map((name) => ({
      notice: id,
      setting: name,
      old: oldSettings.get(name) ?? null,
      new: newSettings.get(name) ?? null,
      source,
    }));
}

const MESSAGE_FIELDS = ['title', 'text', 'html', 'link'] as const;

function wordingChanges(id: string, old: Notice | undefined, current: Notice | undefined): WordingChange[] {
  const languages = [...new Set([...Object.keys(old?.messages ?? {}), ...Object.keys(current?.messages ?? {})])].sort();
  const changes: WordingChange[] = [];
  for (const language of languages) {
    const before = old?.messages[language];
    const after = current?.messages[language];
    for (const field of MESSAGE_FIELDS) {
      const oldText = messageField(before, field);
      const newText = messageField(after, field);
      if (oldText !== newText) changes.push({ notice: id, language, field, old: oldText, new: newText });
    }
  }
  return changes;
}

function messageField(message: NoticeMessage | undefined, field: (typeof MESSAGE_FIELDS)[number]): string | null {
  if (message === undefined) return null;
  if (field === 'link') return message.link === undefined ? null : `${message.link.label} <${message.link.href}>`;
  return message[field] ?? null;
}

function regionSetChanges(
  before: ReadonlyMap<string, readonly string[]>,
  after: ReadonlyMap<string, readonly string[]>,
): RegionSetChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: RegionSetChange[] = [];
  for (const name of names) {
    const old = before.get(name);
    const current = after.get(name);
    const oldCodes = new Set(old ?? []);
    const newCodes = new Set(current ?? []);
    const added = [...newCodes].filter((code) => !oldCodes.has(code)).sort();
    const removed = [...oldCodes].filter((code) => !newCodes.has(code)).sort();
    if (old !== undefined && current !== undefined && added.length + removed.length === 0) continue;
    changes.push({
      name,
      added,
      removed,
      status: old === undefined ? 'added' : current === undefined ? 'removed' : 'changed',
    });
  }
  return changes;
}

function networkChanges(before: RuleSet, after: RuleSet): NetworkChange[] {
  const oldNetworks = before.networks ?? new Map<string, NetworkDefinition>();
  const newNetworks = after.networks ?? new Map<string, NetworkDefinition>();
  const changes: NetworkChange[] = [];
  for (const name of [...new Set([...oldNetworks.keys(), ...newNetworks.keys()])].sort()) {
    const oldEntries = new Map((oldNetworks.get(name)?.entries ?? []).map((entry) => [entry.entry, entry.prefixes]));
    const newEntries = new Map((newNetworks.get(name)?.entries ?? []).map((entry) => [entry.entry, entry.prefixes]));
    const added = [...newEntries.keys()].filter((entry) => !oldEntries.has(entry));
    const removed = [...oldEntries.keys()].filter((entry) => !newEntries.has(entry));
    const reprefixed = [...newEntries]
      .filter(([entry]) => oldEntries.has(entry))
      .map(([entry, prefixes]) => {
        const old = new Set(oldEntries.get(entry));
        const now = new Set(prefixes);
        return { entry, added: [...now].filter((p) => !old.has(p)), removed: [...old].filter((p) => !now.has(p)) };
      })
      .filter((change) => change.added.length + change.removed.length > 0);
    if (added.length + removed.length + reprefixed.length === 0) continue;
    const status = !oldNetworks.has(name) ? 'added' : !newNetworks.has(name) ? 'removed' : 'changed';
    changes.push({ name, added, removed, reprefixed, status });
  }
  return changes;
}

function tableChange(before: RuleSet, after: RuleSet): ContentDiff['networkTable'] {
  const describe = (ruleSet: RuleSet): string | null =>
    ruleSet.networkTable === undefined || ruleSet.networkTable === null
      ? null
      : `${ruleSet.networkTable.dataset}, data of ${ruleSet.networkTable.date}`;
  const old = describe(before);
  const now = describe(after);
  return old === now ? null : { old, new: now };
}

function testChanges(before: readonly RuleTestCase[], after: readonly RuleTestCase[]): TestCasesChange {
  const key = (testCase: RuleTestCase): string => JSON.stringify([testCase.visitor, testCase.expect]);
  const oldByName = new Map(before.map((testCase) => [testCase.name, key(testCase)]));
  const newByName = new Map(after.map((testCase) => [testCase.name, key(testCase)]));
  return {
    added: [...newByName.keys()].filter((name) => !oldByName.has(name)),
    removed: [...oldByName.keys()].filter((name) => !newByName.has(name)),
    changed: [...newByName]
      .filter(([name, value]) => oldByName.has(name) && oldByName.get(name) !== value)
      .map(([name]) => name),
  };
}

/** `2024-02-20 to 2030-01-01 (not included)`, `from 2024-02-20`, `always`. */
export function describeActiveWindow(notice: Pick<Notice, 'active'>): string {
  const from = notice.active?.from;
  const until = notice.active?.until;
  if (from !== undefined && until !== undefined)
    return `${formatInstant(from)} to ${formatInstant(until)} (not included)`;
  if (from !== undefined) return `from ${formatInstant(from)}`;
  if (until !== undefined) return `until ${formatInstant(until)} (not included)`;
  return 'always';
}

/** A `when` list in words, conditions joined by "or". */
export function describeWhen(conditions: readonly Condition[]): string {
  if (conditions.length === 0) return 'every visitor';
  return conditions.map(describeCondition).join(' — or — ');
}

/** One condition in words: `in RU, russia-occupied-ukraine or unknown location; on /news/**`. */
export function describeCondition(condition: Condition): string {
  const parts: string[] = [];
  if (condition.regions)
    parts.push(
      `in ${condition.regions.written.join(', ')}${condition.unknownLocation === 'match' ? ' or unknown location' : ''}`,
    );
  if (condition.notRegions) parts.push(`not in ${condition.notRegions.written.join(', ')}`);
  if (condition.languages) parts.push(`reading ${condition.languages.join(', ')}`);
  if (condition.notLanguages) parts.push(`not reading ${condition.notLanguages.join(', ')}`);
  if (condition.networks) parts.push(`on networks ${condition.networks.written.join(', ')}`);
  if (condition.notNetworks) parts.push(`not on networks ${condition.notNetworks.written.join(', ')}`);
  if (condition.paths) parts.push(`on ${condition.paths.globs.join(', ')}`);
  if (condition.notPaths) parts.push(`not on ${condition.notPaths.globs.join(', ')}`);
  return parts.length === 0 ? 'every visitor' : parts.join('; ');
}

/**
 * Everything a rule set says, without where it says it (files, lines, comments, layout): two sets
 * with equal canonical content differ in bytes alone. Sets and maps are written sorted, so that a
 * condition kind added later is compared too without being named here.
 */
export function canonicalContent(ruleSet: RuleSet): string {
  const notices = [...ruleSet.notices].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify(
    { notices, regionSets: ruleSet.regionSets, networks: ruleSet.networks ?? null, tests: ruleSet.tests },
    canonicalValue,
  );
}

function canonicalValue(key: string, value: unknown): unknown {
  if (key === 'source') return undefined;
  if (value instanceof Set) return [...(value as Set<unknown>)].map(String).sort();
  if (value instanceof Map)
    return [...(value as Map<unknown, unknown>)].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return value;
}
