import { createRuleSet, type RuleSet } from '../core/rule-set';
import { noticeOfEntry, compileTestCase } from './compile';
import type { RuleProblem } from './errors';
import { rejectForbiddenKeys } from './forbidden-keys';
import { isWithin } from './locations';
import { parseRuleFile } from './parse-file';
import { pruneRejected } from './prune-rejected';
import { readRuleFiles } from './read-files';
import { regionCodes } from './region-codes';
import { findingToProblem, isCompleteAt, type Finding, type RuleDocument } from './rule-document';
import { validateAgainstSchema } from './schema-validate';
import { checkSemantics } from './semantic-checks';
import { ruleSetVersion } from './version';
import { ruleWarnings, type CompiledEntry } from './warnings';
import { ErrorCodes, GeonoticeError } from '../errors';

/** Everything `geonotice validate` reports about a rule set. */
export interface RuleCheck {
  /** The loaded rule set; null when there is any error. */
  ruleSet: RuleSet | null;
  /** Content hash of the files; null only when some file could not be read. */
  version: string | null;
  /** The rule files read, in reading order. */
  files: string[];
  errors: RuleProblem[];
  /** Problems that do not stop the rules from loading. */
  warnings: RuleProblem[];
}

export interface CheckRulesOptions {
  /** "Now" for date warnings (`review_by` passed, active window over); default: the current time. */
  now?: Date;
}

/**
 * Reads, parses, validates and compiles a rule set, collecting every problem instead of
 * stopping at the first: read → parse → forbidden keys → schema → cross-file checks → compile.
 */
export function checkRules(paths: string | readonly string[], options: CheckRulesOptions = {}): RuleCheck {
  const now = options.now ?? new Date();
  const read = readRuleFiles(normalisePaths(paths));
  const files = read.files.map((file) => file.displayPath);
  const version = read.problems.length === 0 ? ruleSetVersion(read.files) : null;
  const errors: RuleProblem[] = [...read.problems];

  const documents: RuleDocument[] = [];
  for (const file of read.files) {
    const parsed = parseRuleFile(file);
    if (!parsed.ok) {
      errors.push(...parsed.problems);
      continue;
    }
    errors.push(...rejectForbiddenKeys(parsed.parsed));
    const schema = validateAgainstSchema(parsed.parsed);
    errors.push(...schema.problems);
    documents.push({
      file: parsed.parsed.file,
      locations: parsed.parsed.locations,
      written: parsed.parsed.value,
      value: pruneRejected(parsed.parsed.value, schema.rejectedPointers),
      errorPointers: schema.errorPointers,
    });
  }

  const allFilesRead = documents.length === read.files.length && read.problems.length === 0;
  const semantic = checkSemantics(documents, allFilesRead);
  errors.push(...semantic.findings.map(findingToProblem));

  // Notices without problems are compiled even when others have some, so warnings about them
  // still show; the rule set itself exists only when nothing at all is wrong.
  const hasFinding = (document: RuleDocument, pointer: string): boolean =>
    semantic.findings.some((found: Finding) => found.document === document && isWithin(found.pointer, pointer));
  const compiled: CompiledEntry[] = semantic.notices
    .filter((entry) => isCompleteAt(entry.document, entry.pointer) && !hasFinding(entry.document, entry.pointer))
    .map((entry) => ({ entry, notice: noticeOfEntry(entry, { regionSets: semantic.regionSets.resolved, networks: semantic.networks.resolved }) }));
  const warnings = ruleWarnings(compiled, semantic.notices, now).map(findingToProblem);

  let ruleSet: RuleSet | null = null;
  if (errors.length === 0 && version !== null) {
    ruleSet = createRuleSet({
      version,
      notices: compiled.map(({ notice }) => notice),
      regionSets: new Map([...semantic.regionSets.resolved].map(([name, regions]) => [name, regionCodes(regions)])),
      tests: semantic.tests.map(compileTestCase),
      files,
      networks: semantic.networks.resolved,
      networkTable: semantic.networks.table,
    });
  }
  return { ruleSet, version, files, errors: sortProblems(errors, files), warnings: sortProblems(warnings, files) };
}

function normalisePaths(paths: string | readonly string[]): readonly string[] {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (list.length === 0) throw new GeonoticeError(ErrorCodes.options, 'checkRules/loadRules: give at least one rule file or directory');
  for (const item of list) {
    if (typeof item !== 'string' || item === '') throw new GeonoticeError(ErrorCodes.options, `checkRules/loadRules: paths must be non-empty strings, got ${JSON.stringify(item)}`);
  }
  return list;
}

/** In file reading order, then by position; exact repeats dropped. */
function sortProblems(problems: readonly RuleProblem[], files: readonly string[]): RuleProblem[] {
  const order = new Map(files.map((file, index) => [file, index]));
  const rank = (problem: RuleProblem): number => order.get(problem.file) ?? -1;
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column)
    .filter((problem) => {
      const key = `${problem.file}:${problem.line}:${problem.column}:${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
