/**
 * The semantic diff of two rule sets' decisions: both decide for every visitor that can tell them
 * apart, and each cell reports the notices that appear, disappear or read differently.
 *
 * The visitors are the cross product of
 * - locations: every region either side names, an unknown location, and anywhere else;
 * - languages: every language either side names, and none;
 * - paths: `/`, witnesses of every path glob either side names, and a path no glob names;
 * - moments: the starting instant and every later instant at which an activation window of
 *   either side opens or closes (between two such instants no decision changes);
 * - networks: a visitor on no named network, and witnesses of every network entry either side
 *   names (network-witnesses.ts).
 * A YAML edit that changes nothing a visitor sees (a comment, a reordered list) yields no cell.
 */
import type { RuleSet } from '../core/rule-set';
import type { DecidedNotice } from '../core/types';
import { decisionTable, locationRows, tableLanguages, type LocationRow } from './decision-table';
import { networkWitnesses, type NetworkWitness } from './network-witnesses';
import { witnessPaths } from './witness-paths';

/** What a visitor of one location, language and path sees differently from one moment on. */
export interface DecisionChange {
  /** Row key: a country or subdivision code, `unknown` or `elsewhere`. */
  region: string;
  regionLabel: string;
  /** A language tag, or `none` (no Accept-Language, or a language no rule names). */
  language: string;
  /** The URL path decided for. */
  path: string;
  /** The network witness decided for: `none`, or a named network's entry and address (network-witnesses.ts). */
  network: string;
  networkLabel: string;
  /** The moment decided at, ISO 8601: the change holds from it until the next moment. */
  at: string;
  added: string[];
  removed: string[];
  /** Notices shown in both that read or look different. */
  changed: string[];
  /** For each changed notice, what differs: language, title, text, html, link, placement, style. */
  changedFields: Record<string, string[]>;
  /** For each changed notice whose language differs, the old and the new language. */
  languageChanges: Record<string, { old: string; new: string }>;
}

export interface DecisionDiff {
  rows: LocationRow[];
  languages: string[];
  paths: string[];
  networks: NetworkWitness[];
  /** The instants decided at, ISO 8601, the first being the starting instant. */
  moments: string[];
  /** Only the cells that differ, ordered by moment, path, location and language. */
  changes: DecisionChange[];
}

export interface DecisionDiffOptions {
  /** Decide only for this path (default: `/` and the witnesses of every glob either side names). */
  path?: string;
}

const COMPARED_FIELDS = ['language', 'title', 'text', 'html', 'link', 'placement', 'style'] as const;

export function diffDecisions(
  before: RuleSet,
  after: RuleSet,
  at: Date,
  options: DecisionDiffOptions = {},
): DecisionDiff {
  const rows = locationRows([before, after]);
  const languages = tableLanguages([before, after]);
  const paths = options.path === undefined ? witnessPaths([...pathGlobs(before), ...pathGlobs(after)]) : [options.path];
  const moments = decisionMoments([before, after], at);
  const networks = networkWitnesses([before, after]);
  const changes: DecisionChange[] = [];
  for (const moment of moments) {
    for (const path of paths) {
      for (const network of networks) {
        const on = { address: network.address ?? null, asn: network.asn ?? null };
        const old = decisionTable(before, rows, languages, moment, path, on);
        const current = decisionTable(after, rows, languages, moment, path, on);
        old.forEach((cell, index) => {
          const change = compareCell(cell.notices, current[index]?.notices ?? []);
          if (change.added.length + change.removed.length + change.changed.length === 0) return;
          changes.push({
            region: cell.location.key,
            regionLabel: cell.location.label,
            language: cell.language,
            path,
            network: network.key,
            networkLabel: network.label,
            at: moment.toISOString(),
            ...change,
          });
        });
      }
    }
  }
  return { rows, languages, paths, networks, moments: moments.map((moment) => moment.toISOString()), changes };
}

/** Every glob of every `paths` and `not_paths` condition of a rule set. */
export function pathGlobs(ruleSet: RuleSet): string[] {
  return ruleSet.notices.flatMap((notice) =>
    notice.conditions.flatMap((condition) => [...(condition.paths?.globs ?? []), ...(condition.notPaths?.globs ?? [])]),
  );
}

/** `at`, then every later instant at which some notice of either set becomes active or inactive. */
export function decisionMoments(ruleSets: readonly RuleSet[], at: Date): Date[] {
  const later = new Set<number>();
  for (const ruleSet of ruleSets) {
    for (const notice of ruleSet.notices) {
      for (const boundary of [notice.active?.from, notice.active?.until]) {
        if (boundary !== undefined && boundary.getTime() > at.getTime()) later.add(boundary.getTime());
      }
    }
  }
  return [at, ...[...later].sort((a, b) => a - b).map((ms) => new Date(ms))];
}

function compareCell(
  before: readonly DecidedNotice[],
  after: readonly DecidedNotice[],
): Pick<DecisionChange, 'added' | 'removed' | 'changed' | 'changedFields' | 'languageChanges'> {
  const oldById = new Map(before.map((notice) => [notice.id, notice]));
  const newIds = new Set(after.map((notice) => notice.id));
  const changed: string[] = [];
  const changedFields: Record<string, string[]> = {};
  const languageChanges: Record<string, { old: string; new: string }> = {};
  for (const notice of after) {
    const previous = oldById.get(notice.id);
    if (previous === undefined) continue;
    const fields = COMPARED_FIELDS.filter(
      (field) => JSON.stringify(previous[field] ?? null) !== JSON.stringify(notice[field] ?? null),
    );
    if (fields.length === 0) continue;
    changed.push(notice.id);
    changedFields[notice.id] = [...fields];
    if (previous.language !== notice.language)
      languageChanges[notice.id] = { old: previous.language, new: notice.language };
  }
  return {
    added: after.filter((notice) => !oldById.has(notice.id)).map((notice) => notice.id),
    removed: before.filter((notice) => !newIds.has(notice.id)).map((notice) => notice.id),
    changed,
    changedFields,
    languageChanges,
  };
}
