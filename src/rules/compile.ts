import type { NetworkDefinition, NetworkMatcher } from '../core/networks';
import { compilePrefixes } from '../core/prefixes';
import type { Condition, Notice, NoticeMessage, RegionSet, RuleTestCase, SourceLocation } from '../core/types';
import { parseRuleDate } from './dates';
import { positionOf } from './locations';
import { compilePathMatcher } from './path-globs';
import type { RawCondition, RawMessage, RawNotice, RawTestCase } from './raw-types';
import { expandRegionEntries, type ResolvedRegions } from './region-sets';
import { conditionsOf, type NoticeEntry, type RuleDocument, type TestEntry } from './rule-document';

/**
 * Builds the core's `Notice` from a notice that passed every check: defaults filled in,
 * language tags lower-cased, set names expanded into codes, globs compiled.
 */
/** What conditions refer to by name: region sets and networks. */
export interface NamedParts {
  regionSets: ReadonlyMap<string, ResolvedRegions>;
  networks: ReadonlyMap<string, NetworkDefinition>;
}

export function compileNotice(entry: NoticeEntry, named: NamedParts): Notice {
  // Called only for notices without any problem, so every required field is there.
  const notice = entry.notice as RawNotice;
  // No prototype: a lookup by a visitor's language tag can never find an inherited member.
  const messages = Object.create(null) as Record<string, NoticeMessage>;
  for (const [tag, message] of Object.entries(notice.messages)) messages[tag.toLowerCase()] = compileMessage(message);
  const languages = Object.keys(messages);

  const compiled: Notice = {
    id: notice.id,
    description: notice.description,
    owner: notice.owner,
    priority: notice.priority ?? 0,
    conditions: conditionsOf(entry).map(({ pointer, condition }) => compileCondition(condition, named, sourceAt(entry.document, pointer))),
    overrides: [...(notice.overrides ?? [])],
    placement: notice.placement ?? 'body-start',
    style: notice.style ?? 'warning',
    // Validation guarantees either a default_language among the messages or exactly one message.
    defaultLanguage: (notice.default_language ?? languages[0]!).toLowerCase(),
    messages,
    source: sourceAt(entry.document, entry.pointer),
  };
  if (notice.reference !== undefined) compiled.reference = notice.reference;
  if (notice.review_by !== undefined) compiled.reviewBy = notice.review_by;
  const from = notice.active?.from === undefined ? null : parseRuleDate(notice.active.from);
  const until = notice.active?.until === undefined ? null : parseRuleDate(notice.active.until);
  if (from || until) compiled.active = { ...(from ? { from } : {}), ...(until ? { until } : {}) };
  return compiled;
}

function compileCondition(raw: RawCondition, named: NamedParts, source: SourceLocation): Condition {
  const condition: Condition = { unknownLocation: raw.unknown_location ?? 'match', source };
  if (raw.regions) condition.regions = compileRegions(raw.regions, named.regionSets);
  if (raw.not_regions) condition.notRegions = compileRegions(raw.not_regions, named.regionSets);
  if (raw.networks) condition.networks = compileNetworks(raw.networks, named.networks);
  if (raw.not_networks) condition.notNetworks = compileNetworks(raw.not_networks, named.networks);
  if (raw.languages) condition.languages = raw.languages.map((tag) => tag.toLowerCase());
  if (raw.not_languages) condition.notLanguages = raw.not_languages.map((tag) => tag.toLowerCase());
  if (raw.paths) condition.paths = compilePathMatcher(raw.paths);
  if (raw.not_paths) condition.notPaths = compilePathMatcher(raw.not_paths);
  return condition;
}

function compileRegions(written: readonly string[], regionSets: ReadonlyMap<string, ResolvedRegions>): RegionSet {
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

function compileMessage(raw: RawMessage): NoticeMessage {
  const message: NoticeMessage = {};
  if (raw.title !== undefined) message.title = raw.title;
  if (raw.text !== undefined) message.text = raw.text;
  if (raw.html !== undefined) message.html = raw.html;
  if (raw.link) message.link = { href: raw.link.href, label: raw.link.label };
  return message;
}

/** Called only when the whole rule set is free of errors, so the case is complete. */
export function compileTestCase(entry: TestEntry): RuleTestCase {
  const test = entry.test as RawTestCase;
  return {
    name: test.name,
    visitor: { ...test.visitor },
    expect: { notices: [...test.expect.notices], ...(test.expect.language === undefined ? {} : { language: test.expect.language }) },
    source: sourceAt(entry.document, entry.pointer),
  };
}

export function sourceAt(document: RuleDocument, pointer: string): SourceLocation {
  return { file: document.file, ...positionOf(document.locations, pointer) };
}
