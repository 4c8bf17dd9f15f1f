/** Small builders for core tests: notices, conditions, visitors and rule sets, with defaults. */
import { createRuleSet, type RuleSet } from '../../src/core/rule-set';
import { compilePathMatcher } from '../../src/rules/path-globs';
import type {
  Condition,
  Notice,
  NoticeMessage,
  PathMatcher,
  RegionSet,
  UnknownLocationPolicy,
  Visitor,
} from '../../src/core/types';

const HERE = { file: 'test.yaml', line: 1, column: 1 };

/** `RU` is a country, `UA-43` a subdivision; set names are written but resolved by the caller. */
export function regionSet(written: readonly string[], resolved: readonly string[] = written): RegionSet {
  return {
    written,
    countries: new Set(resolved.filter((code) => !code.includes('-'))),
    subdivisions: new Set(resolved.filter((code) => code.includes('-'))),
  };
}

export function pathMatcher(globs: readonly string[]): PathMatcher {
  return compilePathMatcher(globs);
}

/** A condition as a rule author writes it, with arrays instead of compiled sets. */
export interface ConditionSpec {
  regions?: readonly string[];
  notRegions?: readonly string[];
  languages?: readonly string[];
  notLanguages?: readonly string[];
  paths?: readonly string[];
  notPaths?: readonly string[];
  unknownLocation?: UnknownLocationPolicy;
}

export function condition(spec: ConditionSpec = {}): Condition {
  return {
    ...(spec.regions ? { regions: regionSet(spec.regions) } : {}),
    ...(spec.notRegions ? { notRegions: regionSet(spec.notRegions) } : {}),
    ...(spec.languages ? { languages: spec.languages } : {}),
    ...(spec.notLanguages ? { notLanguages: spec.notLanguages } : {}),
    ...(spec.paths ? { paths: pathMatcher(spec.paths) } : {}),
    ...(spec.notPaths ? { notPaths: pathMatcher(spec.notPaths) } : {}),
    unknownLocation: spec.unknownLocation ?? 'match',
    source: HERE,
  };
}

/** A notice with an English message and no conditions unless given. */
export function notice(
  id: string,
  fields: Partial<Omit<Notice, 'conditions'>> & { when?: ConditionSpec | ConditionSpec[] } = {},
): Notice {
  const { when, ...rest } = fields;
  const specs = when === undefined ? [] : Array.isArray(when) ? when : [when];
  const messages: Record<string, NoticeMessage> = { en: { text: `${id} (en)` } };
  return {
    id,
    description: `test notice ${id}`,
    owner: 'legal@example.org',
    priority: 0,
    overrides: [],
    placement: 'body-start',
    style: 'warning',
    defaultLanguage: 'en',
    messages,
    source: HERE,
    ...rest,
    conditions: specs.map(condition),
  };
}

/** A message per tag, whose text names the tag, so tests can see which one was chosen. */
export function messagesIn(...tags: string[]): Record<string, NoticeMessage> {
  return Object.fromEntries(tags.map((tag) => [tag, { text: `text in ${tag}` }]));
}

export function visitor(fields: Partial<Visitor> = {}): Visitor {
  return { country: 'DE', region: null, languages: ['en'], path: '/', ...fields };
}

export function ruleSetOf(...notices: Notice[]): RuleSet {
  return createRuleSet({ version: 'test', notices, regionSets: new Map(), tests: [], files: [] });
}
