/**
 * A rule set as one JSON document and back, for runtimes without a file system (Workers, Deno,
 * Bun): `compileRules` writes what `geonotice compile` prints, `loadCompiledRules` checks it
 * strictly and rebuilds the very `RuleSet` that `loadRules` gives for the same files. Nothing in
 * this module's graph may use a Node built-in or generate code: edges bundle it.
 */
import { ErrorCodes, GeonoticeError } from '../errors';
import type { NetworkDefinition } from '../core/networks';
import { createRuleSet, type NetworkTableInfo, type RuleSet } from '../core/rule-set';
import type { Condition, Notice, RegionSet, RuleTestCase, SourceLocation } from '../core/types';
import { compiledRulesProblems } from './compiled-checks';
import {
  COMPILED_FORMAT,
  COMPILED_FORMAT_VERSION,
  COMPILED_RULES_SHAPE,
  type CompiledCondition,
  type CompiledMessage,
  type CompiledNotice,
  type CompiledRegions,
  type CompiledRules,
  type CompiledTestCase,
} from './compiled-format';
import { checkShape, formatJsonPath, isPlainObject, type ShapeProblem } from './json-shape';
import type { ResolvedRegions } from './region-codes';
import { buildNotice, buildTestCase, copyMessage } from './rule-parts';

export type { CompiledRules } from './compiled-format';

/** The JSON form of a rule set (one that `loadRules` gave, or built from the same parts). */
export function compileRules(ruleSet: RuleSet): CompiledRules {
  return {
    format: COMPILED_FORMAT,
    formatVersion: COMPILED_FORMAT_VERSION,
    rulesVersion: ruleSet.version,
    files: [...ruleSet.files],
    regions: Object.fromEntries([...ruleSet.regionSets].map(([name, codes]) => [name, [...codes]])),
    networks: Object.fromEntries(
      [...(ruleSet.networks ?? new Map<string, NetworkDefinition>())].map(([name, definition]) => [
        name,
        definition.entries.map((entry) => ({ entry: entry.entry, ...(entry.label === undefined ? {} : { label: entry.label }), prefixes: [...entry.prefixes] })),
      ]),
    ),
    networkTable: ruleSet.networkTable ? copyTable(ruleSet.networkTable) : null,
    notices: ruleSet.notices.map(compileNoticeJson),
    tests: ruleSet.tests.map(compileTestJson),
  };
}

function compileNoticeJson(notice: Notice): CompiledNotice {
  const messages: Record<string, CompiledMessage> = {};
  for (const [tag, message] of Object.entries(notice.messages)) messages[tag] = copyMessage(message);
  const active = notice.active && {
    ...(notice.active.from ? { from: notice.active.from.toISOString() } : {}),
    ...(notice.active.until ? { until: notice.active.until.toISOString() } : {}),
  };
  return {
    id: notice.id,
    description: notice.description,
    owner: notice.owner,
    ...(notice.reference === undefined ? {} : { reference: notice.reference }),
    ...(notice.reviewBy === undefined ? {} : { review_by: notice.reviewBy }),
    priority: notice.priority,
    ...(active ? { active } : {}),
    when: notice.conditions.map(compileConditionJson),
    overrides: [...notice.overrides],
    placement: notice.placement,
    style: notice.style,
    default_language: notice.defaultLanguage,
    messages,
    source: copySource(notice.source),
  };
}

function compileConditionJson(condition: Condition): CompiledCondition {
  const json: Omit<CompiledCondition, 'unknown_location' | 'source'> = {};
  if (condition.regions) json.regions = compileRegionsJson(condition.regions);
  if (condition.notRegions) json.not_regions = compileRegionsJson(condition.notRegions);
  if (condition.networks) json.networks = [...condition.networks.written];
  if (condition.notNetworks) json.not_networks = [...condition.notNetworks.written];
  if (condition.languages) json.languages = [...condition.languages];
  if (condition.notLanguages) json.not_languages = [...condition.notLanguages];
  if (condition.paths) json.paths = [...condition.paths.globs];
  if (condition.notPaths) json.not_paths = [...condition.notPaths.globs];
  return { ...json, unknown_location: condition.unknownLocation, source: copySource(condition.source) };
}

function compileRegionsJson(regions: RegionSet): CompiledRegions {
  return { written: [...regions.written], countries: [...regions.countries], subdivisions: [...regions.subdivisions] };
}

function compileTestJson(test: RuleTestCase): CompiledTestCase {
  return { name: test.name, visitor: { ...test.visitor }, expect: { notices: [...test.expect.notices], ...(test.expect.language === undefined ? {} : { language: test.expect.language }) }, source: copySource(test.source) };
}

function copyTable(table: NetworkTableInfo): NetworkTableInfo {
  return { dataset: table.dataset, date: table.date, attribution: table.attribution, file: table.file };
}

function copySource(source: SourceLocation): SourceLocation {
  return { file: source.file, line: source.line, column: source.column };
}

/** How many problems the error lists; a garbled file has many, and the first ones say enough. */
const LISTED_PROBLEMS = 20;

/**
 * The rule set a compiled document stands for: the document as `compileRules` gave it, or its
 * JSON text. All or nothing: a document that is not exactly the compiled format (another format
 * version, a hand edit that breaks it, a cut-off file) throws a `GeonoticeError` (code
 * `GEONOTICE_RULES`) listing each problem with its JSON path, and no rule set is made.
 */
export function loadCompiledRules(json: unknown): RuleSet {
  const document = typeof json === 'string' ? parseJsonText(json) : json;
  checkFormat(document);
  const problems: ShapeProblem[] = [];
  checkShape(document, COMPILED_RULES_SHAPE, problems);
  if (problems.length === 0) problems.push(...compiledRulesProblems(document as CompiledRules));
  if (problems.length > 0) throw invalid(problems);
  return buildRuleSet(document as CompiledRules);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GeonoticeError(ErrorCodes.rules, `geonotice: the compiled rules are not valid JSON (${reason}); is the file cut off? Compile them again with "geonotice compile"`);
  }
}

/** The format marker and version first: a document of another version is not checked key by key. */
function checkFormat(document: unknown): void {
  if (!isPlainObject(document) || document.format !== COMPILED_FORMAT) {
    const got = isPlainObject(document) ? `an object without "format": "${COMPILED_FORMAT}"` : Array.isArray(document) ? 'a list' : typeof document;
    throw new GeonoticeError(ErrorCodes.rules, `geonotice: expected compiled rules (the JSON that "geonotice compile" writes), got ${got}`);
  }
  if (document.formatVersion !== COMPILED_FORMAT_VERSION) {
    throw new GeonoticeError(
      ErrorCodes.rules,
      `geonotice: the compiled rules have format version ${JSON.stringify(document.formatVersion)}, and this version of geonotice reads version ${COMPILED_FORMAT_VERSION}: compile the rules again with this version's "geonotice compile"`,
    );
  }
}

function invalid(problems: readonly ShapeProblem[]): GeonoticeError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.slice(0, LISTED_PROBLEMS).map((problem) => `  ${formatJsonPath(problem.path)}: ${problem.message}`);
  if (problems.length > LISTED_PROBLEMS) lines.push(`  … and ${problems.length - LISTED_PROBLEMS} more`);
  return new GeonoticeError(ErrorCodes.rules, `geonotice: the compiled rules are invalid (${count}); compile them again with "geonotice compile":\n${lines.join('\n')}`);
}

function buildRuleSet(rules: CompiledRules): RuleSet {
  const regionSets = new Map(Object.entries(rules.regions).map(([name, codes]) => [name, [...codes]]));
  const networks = new Map(
    Object.entries(rules.networks).map(([name, entries]): [string, NetworkDefinition] => [
      name,
      { name, entries: entries.map(({ entry, label, prefixes }) => ({ entry, ...(label === undefined ? {} : { label }), prefixes: [...prefixes] })) },
    ]),
  );
  // Every region list comes with its codes, in the order the YAML loader resolved them.
  const named = { regionSets: new Map<string, ResolvedRegions>(), networks };
  const notices = rules.notices.map((notice) =>
    buildNotice(
      {
        notice,
        // Globs are kept by the matcher: copied, so the caller's document can change without changing the set.
        conditions: notice.when.map((condition) => ({
          condition: { ...condition, regions: condition.regions?.written, not_regions: condition.not_regions?.written, paths: condition.paths?.slice(), not_paths: condition.not_paths?.slice() },
          source: copySource(condition.source),
          resolved: { regions: regionSetOf(condition.regions), notRegions: regionSetOf(condition.not_regions) },
        })),
        source: copySource(notice.source),
      },
      named,
    ),
  );
  const parts = {
    version: rules.rulesVersion,
    notices,
    regionSets,
    tests: rules.tests.map((test) => buildTestCase(test, copySource(test.source))),
    files: [...rules.files],
    networks,
    networkTable: rules.networkTable === null ? null : copyTable(rules.networkTable),
  };
  try {
    return createRuleSet(parts);
  } catch (error) {
    // What the checks leave to the index build: overrides that go round in a circle.
    throw invalid([{ path: ['notices'], message: error instanceof Error ? error.message : String(error) }]);
  }
}

function regionSetOf(regions: CompiledRegions | undefined): RegionSet | undefined {
  return regions && { written: [...regions.written], countries: new Set(regions.countries), subdivisions: new Set(regions.subdivisions) };
}
