/**
 * How much of a rule set its `tests:` cases exercise, counted finely enough that one Moscow case
 * does not make `regions: [RU, russia-occupied-ukraine]` look fully tested.
 *
 * The units, each reached only by a *passing* case:
 * - each `when` branch (a condition object; a notice without conditions counts once): some case
 *   gets the notice through it;
 * - each entry of `regions`, a set's members counted one by one (`UA-65` via
 *   `russia-occupied-ukraine`), of `languages`, of `paths` and of each network `networks` names
 *   (`AS8654`, `2.60.0.0/14`): some case gets the notice through that branch with a visitor in that
 *   region, reading that language, on a path that glob matches, on an address in that entry;
 * - each entry of `not_regions`, `not_languages`, `not_paths` and `not_networks`: some case has a visitor the entry
 *   excludes while the rest of the branch holds, so the exclusion is what decided;
 * - the unknown-location case of each branch with `regions`: some case has a visitor whose location
 *   is unknown while the rest of the branch holds (`unknown_location` then decides);
 * - each language of each notice's messages: some case is shown the notice in that language;
 * - each `overrides` entry: some case gets the notice while the overridden one would have applied.
 * Cases that expect no notice count wherever they exercise an exclusion or an unknown location.
 */
import { activeBounds, isActiveAt } from '../core/active-window';
import { anyConditionHolds, evaluateCondition } from '../core/condition';
import { firstMatchingTag } from '../core/language';
import { rangesContain, type NetworkMatcher } from '../core/networks';
import { compilePrefixes } from '../core/prefixes';
import type { RuleSet } from '../core/rule-set';
import type { Condition, SourceLocation, Visitor } from '../core/types';
import { compilePathMatcher } from '../rules/path-globs';
import { regionName } from '../rules/region-names';
import type { TestCaseResult } from './rule-tests';

/** What a unit is about. */
export type CoverageKind =
  | 'branch'
  | 'regions'
  | 'not_regions'
  | 'unknown_location'
  | 'languages'
  | 'not_languages'
  | 'paths'
  | 'not_paths'
  | 'networks'
  | 'not_networks'
  | 'message'
  | 'overrides';

export interface CoverageUnit extends SourceLocation {
  kind: CoverageKind;
  notice: string;
  /** 1-based position in the notice's `when` list; null for units of the notice itself. */
  condition: number | null;
  /** The entry: a region code, language tag, glob, message language or overridden id; null for a branch or the unknown location. */
  entry: string | null;
  /** The same in words, for people: `UA-65 Khersonska oblast (in russia-occupied-ukraine)`. */
  label: string;
}

/** A `when` branch no passing case reaches (kept in this shape for `test --json` readers). */
export interface UncoveredCondition extends SourceLocation {
  notice: string;
  /** 1-based position in the notice's `when` list; null for a notice without conditions. */
  condition: number | null;
}

export interface TestCoverage {
  notices: { covered: number; total: number; uncovered: string[] };
  /** The `when` branches alone. */
  conditions: { covered: number; total: number; uncovered: UncoveredCondition[] };
  /** Every unit, branches included. */
  units: { covered: number; total: number; uncovered: CoverageUnit[] };
  /** Covered and total units per kind. */
  byKind: Partial<Record<CoverageKind, { covered: number; total: number }>>;
  /** Covered units as a percentage of all units, 0–100. */
  percent: number;
}

/** A passing case as the units see it. */
interface Reach {
  visitor: Visitor;
  atMs: number;
  /** Each notice's outcome for this visitor: applies, and in which language. */
  outcome: ReadonlyMap<string, { applies: boolean; language: string }>;
}

/** One kind of condition entry: how to list its entries and when a visitor is "in" one. */
interface EntryKind {
  kind: Extract<
    CoverageKind,
    'regions' | 'not_regions' | 'languages' | 'not_languages' | 'paths' | 'not_paths' | 'networks' | 'not_networks'
  >;
  key: keyof Condition;
  /** An exclusion is exercised when it excludes a visitor the rest of the branch would admit. */
  exclusion: boolean;
  entries(
    condition: Condition,
    ruleSet: RuleSet,
  ): { entry: string; label: string; reached: (visitor: Visitor) => boolean }[];
}

const ENTRY_KINDS: readonly EntryKind[] = [
  {
    kind: 'regions',
    key: 'regions',
    exclusion: false,
    entries: (condition, ruleSet) => regionEntries(condition.regions?.written ?? [], ruleSet),
  },
  {
    kind: 'not_regions',
    key: 'notRegions',
    exclusion: true,
    entries: (condition, ruleSet) => regionEntries(condition.notRegions?.written ?? [], ruleSet),
  },
  {
    kind: 'languages',
    key: 'languages',
    exclusion: false,
    entries: (condition) => languageEntries(condition.languages ?? []),
  },
  {
    kind: 'not_languages',
    key: 'notLanguages',
    exclusion: true,
    entries: (condition) => languageEntries(condition.notLanguages ?? []),
  },
  { kind: 'paths', key: 'paths', exclusion: false, entries: (condition) => pathEntries(condition.paths?.globs ?? []) },
  {
    kind: 'not_paths',
    key: 'notPaths',
    exclusion: true,
    entries: (condition) => pathEntries(condition.notPaths?.globs ?? []),
  },
  { kind: 'networks', key: 'networks', exclusion: false, entries: (condition) => networkEntries(condition.networks) },
  {
    kind: 'not_networks',
    key: 'notNetworks',
    exclusion: true,
    entries: (condition) => networkEntries(condition.notNetworks),
  },
];

export function testCoverage(ruleSet: RuleSet, results: readonly TestCaseResult[]): TestCoverage {
  const reaches: Reach[] = results.flatMap((result) =>
    result.ok && result.visitor !== null
      ? [
          {
            visitor: result.visitor,
            atMs: Date.parse(result.at),
            outcome: new Map(result.explanations.map((e) => [e.id, { applies: e.applies, language: e.language }])),
          },
        ]
      : [],
  );
  const units: { unit: CoverageUnit; covered: boolean }[] = [];
  const coveredNotices = new Set<string>();
  for (const notice of ruleSet.notices) {
    const bounds = activeBounds(notice.active);
    const applies = (reach: Reach): boolean => reach.outcome.get(notice.id)?.applies === true;
    const activeFor = (reach: Reach): boolean => isActiveAt(bounds, reach.atMs);
    const add = (unit: Omit<CoverageUnit, 'notice'>, covered: boolean): void => {
      units.push({ unit: { notice: notice.id, ...unit }, covered });
    };

    if (notice.conditions.length === 0) {
      add(
        { kind: 'branch', condition: null, entry: null, label: 'shown to every visitor', ...notice.source },
        reaches.some(applies),
      );
    }
    notice.conditions.forEach((condition, index) => {
      const at = { condition: index + 1, ...condition.source };
      const through = (reach: Reach): boolean => applies(reach) && evaluateCondition(condition, reach.visitor);
      add({ kind: 'branch', entry: null, label: `condition ${index + 1}`, ...at }, reaches.some(through));
      for (const kind of ENTRY_KINDS) {
        if (condition[kind.key] === undefined) continue;
        const rest = withoutKey(condition, kind.key);
        for (const { entry, label, reached } of kind.entries(condition, ruleSet)) {
          const covered = reaches.some(
            (reach) =>
              reached(reach.visitor) &&
              (kind.exclusion ? activeFor(reach) && evaluateCondition(rest, reach.visitor) : through(reach)),
          );
          add({ kind: kind.kind, entry, label: `condition ${index + 1}, ${kind.kind} entry ${label}`, ...at }, covered);
        }
      }
      if (condition.regions !== undefined) {
        const rest = withoutKey(condition, 'regions');
        const covered = reaches.some(
          (reach) => reach.visitor.country === null && activeFor(reach) && evaluateCondition(rest, reach.visitor),
        );
        add(
          {
            kind: 'unknown_location',
            entry: null,
            label: `condition ${index + 1}, a visitor whose location is unknown (unknown_location: ${condition.unknownLocation})`,
            ...at,
          },
          covered,
        );
      }
    });
    for (const language of Object.keys(notice.messages).sort()) {
      const covered = reaches.some((reach) => applies(reach) && reach.outcome.get(notice.id)?.language === language);
      add(
        { kind: 'message', condition: null, entry: language, label: `message in ${language}`, ...notice.source },
        covered,
      );
    }
    for (const target of notice.overrides) {
      const overridden = ruleSet.byId.get(target);
      if (overridden === undefined) continue;
      const targetBounds = activeBounds(overridden.active);
      const covered = reaches.some(
        (reach) =>
          applies(reach) &&
          isActiveAt(targetBounds, reach.atMs) &&
          anyConditionHolds(overridden.conditions, reach.visitor),
      );
      add(
        { kind: 'overrides', condition: null, entry: target, label: `overrides "${target}"`, ...notice.source },
        covered,
      );
    }
    if (units.some(({ unit, covered }) => covered && unit.notice === notice.id && unit.kind === 'branch'))
      coveredNotices.add(notice.id);
  }

  const branches = units.filter(({ unit }) => unit.kind === 'branch');
  const byKind: TestCoverage['byKind'] = {};
  for (const { unit, covered } of units) {
    const counts = (byKind[unit.kind] ??= { covered: 0, total: 0 });
    counts.total += 1;
    if (covered) counts.covered += 1;
  }
  const coveredUnits = units.filter(({ covered }) => covered).length;
  return {
    notices: {
      covered: coveredNotices.size,
      total: ruleSet.notices.length,
      uncovered: ruleSet.notices.filter((notice) => !coveredNotices.has(notice.id)).map((notice) => notice.id),
    },
    conditions: {
      covered: branches.filter(({ covered }) => covered).length,
      total: branches.length,
      uncovered: branches
        .filter(({ covered }) => !covered)
        .map(({ unit: { notice, condition, file, line, column } }) => ({ notice, condition, file, line, column })),
    },
    units: {
      covered: coveredUnits,
      total: units.length,
      uncovered: units.filter(({ covered }) => !covered).map(({ unit }) => unit),
    },
    byKind,
    percent: units.length === 0 ? 100 : (coveredUnits / units.length) * 100,
  };
}

/** The condition without one key: what must hold besides it. */
function withoutKey(condition: Condition, key: keyof Condition): Condition {
  return { ...condition, [key]: undefined };
}

/** Each code a region list stands for, a set's members one by one, labelled with the set they come from. */
function regionEntries(written: readonly string[], ruleSet: RuleSet): ReturnType<EntryKind['entries']> {
  const seen = new Set<string>();
  const entries: ReturnType<EntryKind['entries']> = [];
  for (const item of written) {
    const codes = ruleSet.regionSets.get(item) ?? [item];
    for (const code of codes) {
      if (seen.has(code)) continue;
      seen.add(code);
      const via = item === code ? '' : ` (in ${item})`;
      const subdivision = code.includes('-');
      entries.push({
        entry: code,
        label: `${code} ${regionName(code)}${via}`,
        reached: subdivision ? (visitor) => visitor.region === code : (visitor) => visitor.country === code,
      });
    }
  }
  return entries;
}

function languageEntries(tags: readonly string[]): ReturnType<EntryKind['entries']> {
  return tags.map((tag) => ({
    entry: tag,
    label: tag,
    reached: (visitor: Visitor) => firstMatchingTag([tag], visitor.languages) !== undefined,
  }));
}

function pathEntries(globs: readonly string[]): ReturnType<EntryKind['entries']> {
  return globs.map((glob) => {
    const matcher = compilePathMatcher([glob]);
    return { entry: glob, label: glob, reached: (visitor: Visitor) => matcher.matchesAny(visitor.path) };
  });
}

/** Each entry of each network a condition names: reached by an address in its prefixes, or by its AS number. */
function networkEntries(matcher: NetworkMatcher | undefined): ReturnType<EntryKind['entries']> {
  return (matcher?.definitions ?? []).flatMap((definition) =>
    definition.entries.map((entry) => {
      const ranges = compilePrefixes(entry.prefixes);
      const asn = /^AS(\d+)$/i.exec(entry.entry)?.[1];
      return {
        entry: entry.entry,
        label: `${entry.entry}${entry.label === undefined ? '' : ` ${entry.label}`} (in ${definition.name})`,
        reached: (visitor: Visitor) =>
          (asn !== undefined && visitor.asn === Number(asn)) ||
          (typeof visitor.address === 'string' && rangesContain(ranges, visitor.address)),
      };
    }),
  );
}

export { formatPercent } from '../util/format-percent';
