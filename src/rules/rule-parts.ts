/**
 * The core's notices and test cases from the rule files' own terms, whether they come from YAML
 * (compile.ts) or from a compiled rule set (compiled.ts): defaults filled in, language tags
 * lower-cased, set names expanded into codes, networks resolved, globs compiled. One builder
 * for both, so a compiled set decides exactly as the YAML it came from.
 */
import { compilePrefixes } from '../core/prefixes';
import type { NetworkDefinition, NetworkMatcher } from '../core/networks';
import type { Condition, Notice, NoticeMessage, RegionSet, RuleTestCase, SourceLocation } from '../core/types';
import { parseRuleDate } from './dates';
import { compilePathMatcher } from './path-globs';
import type { RawCondition, RawMessage, RawNotice, RawTestCase } from './raw-types';
import { expandRegionEntries, type ResolvedRegions } from './region-codes';

/** What conditions refer to by name: region sets and networks. */
export interface NamedParts {
  regionSets: ReadonlyMap<string, ResolvedRegions>;
  networks: ReadonlyMap<string, NetworkDefinition>;
}

/** One condition object of a notice, with its place. */
export interface ConditionInput {
  condition: RawCondition;
  source: SourceLocation;
  /** Its region lists already resolved into codes (a compiled set carries them); else resolved through the named sets. */
  resolved?: { regions?: RegionSet; notRegions?: RegionSet };
}

/** A notice that passed every check, with the place of each of its parts. */
export interface NoticeInput {
  notice: Omit<RawNotice, 'when'>;
  conditions: readonly ConditionInput[];
  source: SourceLocation;
}

export function buildNotice({ notice, conditions, source }: NoticeInput, named: NamedParts): Notice {
  // No prototype: a lookup by a visitor's language tag can never find an inherited member.
  const messages = Object.create(null) as Record<string, NoticeMessage>;
  for (const [tag, message] of Object.entries(notice.messages)) messages[tag.toLowerCase()] = copyMessage(message);
  const languages = Object.keys(messages);

  const built: Notice = {
    id: notice.id,
    description: notice.description,
    owner: notice.owner,
    priority: notice.priority ?? 0,
    conditions: conditions.map((entry) => buildCondition(entry, named)),
    overrides: [...(notice.overrides ?? [])],
    placement: notice.placement ?? 'body-start',
    style: notice.style ?? 'warning',
    // Checking guarantees either a default_language among the messages or exactly one message.
    defaultLanguage: (notice.default_language ?? languages[0]!).toLowerCase(),
    messages,
    source,
  };
  if (notice.reference !== undefined) built.reference = notice.reference;
  if (notice.review_by !== undefined) built.reviewBy = notice.review_by;
  const from = notice.active?.from === undefined ? null : parseRuleDate(notice.active.from);
  const until = notice.active?.until === undefined ? null : parseRuleDate(notice.active.until);
  if (from || until) built.active = { ...(from ? { from } : {}), ...(until ? { until } : {}) };
  return built;
}

function buildCondition({ condition: raw, source, resolved }: ConditionInput, named: NamedParts): Condition {
  const condition: Condition = { unknownLocation: raw.unknown_location ?? 'match', source };
  if (raw.regions) condition.regions = resolved?.regions ?? buildRegions(raw.regions, named.regionSets);
  if (raw.not_regions) condition.notRegions = resolved?.notRegions ?? buildRegions(raw.not_regions, named.regionSets);
  if (raw.networks) condition.networks = compileNetworks(raw.networks, named.networks);
  if (raw.not_networks) condition.notNetworks = compileNetworks(raw.not_networks, named.networks);
  if (raw.languages) condition.languages = raw.languages.map((tag) => tag.toLowerCase());
  if (raw.not_languages) condition.notLanguages = raw.not_languages.map((tag) => tag.toLowerCase());
  if (raw.paths) condition.paths = compilePathMatcher(raw.paths);
  if (raw.not_paths) condition.notPaths = compilePathMatcher(raw.not_paths);
  return condition;
}

function buildRegions(written: readonly string[], regionSets: ReadonlyMap<string, ResolvedRegions>): RegionSet {
  return { written: [...written], ...expandRegionEntries(written, regionSets) };
}

/** The named networks of one condition as one lookup: their AS numbers, and all their prefixes merged. */
export function compileNetworks(written: readonly string[], networks: ReadonlyMap<string, NetworkDefinition>): NetworkMatcher {
  const definitions = written.flatMap((name) => {
    const definition = networks.get(name);
    return definition === undefined ? [] : [definition];
  });
  const entries = definitions.flatMap((definition) => definition.entries);
  const asns = new Set(entries.filter((entry) => entry.entry.startsWith('AS')).map((entry) => Number(entry.entry.slice(2))));
  return { written: [...written], definitions, asns, ranges: compilePrefixes(entries.flatMap((entry) => entry.prefixes)) };
}

/** A message with only the parts it has: the same from YAML, into JSON and back. */
export function copyMessage(raw: RawMessage): NoticeMessage {
  const message: NoticeMessage = {};
  if (raw.title !== undefined) message.title = raw.title;
  if (raw.text !== undefined) message.text = raw.text;
  if (raw.html !== undefined) message.html = raw.html;
  if (raw.link) message.link = { href: raw.link.href, label: raw.link.label };
  return message;
}

export function buildTestCase(test: RawTestCase, source: SourceLocation): RuleTestCase {
  return {
    name: test.name,
    visitor: { ...test.visitor },
    expect: { notices: [...test.expect.notices], ...(test.expect.language === undefined ? {} : { language: test.expect.language }) },
    source,
  };
}
