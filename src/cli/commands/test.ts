import { parseCommandArgs, rulePaths } from '../args';
import { rulesProvenance } from '../git-rules';
import { ExitCode, UsageError, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { runRuleTests, type TestCaseResult, type TestExpectation, type TestOutcome } from '../rule-tests';
import { formatPercent, testCoverage, type CoverageKind, type TestCoverage } from '../test-coverage';
import { parseInstant } from '../visitor';

export const testHelp = `Usage: geonotice test [options] [RULES...]

Runs every "tests:" case of the rules (default: ./rules). A case passes when exactly the notices
it expects apply, in that order, and, when it names a language, every one of them is shown in
that language. A failing case shows what was expected, what happened and why. The last line is
"N passed, N failed"; any failure exits 1.

Coverage counts what passing cases reach: each "when" branch; each entry of regions (a set's
members one by one), languages, paths and of each named network that a case gets the notice
through; each entry of not_regions, not_languages, not_paths and not_networks that excludes a
case's visitor; each branch's
unknown-location case; each language of each notice's messages; each overrides entry. Every unit
no case reaches is listed with file:line:column.

Options:
  --coverage-threshold P  fail (exit 1) when coverage is below P percent (0-100)
  --at DATE               run cases that give no "at" as of this ISO 8601 date or date-time (default now)
  --json                  print { passed, failed, rulesVersion, provenance: { commit, rulesCommit, dirty,
                          changes }, cases: [{ name, file, ok, expected, actual }],
                          coverage: { percent, units, byKind, conditions, notices } }
  -h, --help              show this help`;

export function testCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    'coverage-threshold': { type: 'string' },
    at: { type: 'string' },
    json: { type: 'boolean' },
  });
  const threshold =
    values['coverage-threshold'] === undefined ? undefined : parseThreshold(values['coverage-threshold']);
  const now = values.at === undefined ? new Date() : parseInstant(values.at);
  const paths = rulePaths(positionals);
  const ruleSet = loadRulesForCommand(paths, io);
  if (ruleSet === null) return ExitCode.failed;

  const results = runRuleTests(ruleSet, now);
  const coverage = testCoverage(ruleSet, results);
  const passed = results.filter((result) => result.ok).length;
  const failed = results.length - passed;
  const coverageOk = threshold === undefined || coverage.percent >= threshold;

  if (values.json) {
    const cases = results.map(({ explanations, ...result }) => ({
      ...result,
      // The reasons only where they explain something: for a failure.
      ...(result.ok ? {} : { reasons: explanations }),
    }));
    io.stdout(
      JSON.stringify(
        {
          passed,
          failed,
          rulesVersion: ruleSet.version,
          provenance: rulesProvenance(paths),
          cases,
          coverage: { ...coverage, threshold: threshold ?? null, ok: coverageOk },
        },
        null,
        2,
      ),
    );
  } else {
    const lines = results.flatMap(formatResult);
    if (results.length === 0) lines.push('no "tests:" cases in these rules');
    lines.push('', ...formatCoverage(coverage, threshold, coverageOk), `${passed} passed, ${failed} failed`);
    io.stdout(lines.join('\n'));
  }
  return failed === 0 && coverageOk ? ExitCode.ok : ExitCode.failed;
}

function parseThreshold(value: string): number {
  const percent = Number(value.endsWith('%') ? value.slice(0, -1) : value);
  if (value.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UsageError(`--coverage-threshold must be a percentage from 0 to 100: got "${value}"`);
  }
  return percent;
}

function formatResult(result: TestCaseResult): string[] {
  if (result.ok) return [`ok    ${result.name}`];
  const lines = [`FAIL  ${result.name} — ${result.file}:${result.line}:${result.column}`];
  if (result.visitor !== null) {
    const languages = result.visitor.languages.length > 0 ? result.visitor.languages.join(', ') : '(none)';
    lines.push(
      `      visitor:  ${result.visitor.place}, languages ${languages}, path ${result.visitor.path}, at ${result.at}`,
    );
  }
  lines.push(`      expected: ${describeExpected(result.expected)}`);
  lines.push(`      actual:   ${result.actual === null ? '(not run)' : describeActual(result.actual)}`);
  for (const problem of result.problems) lines.push(`      - ${problem}`);

  // Why: the notices that were expected or that applied, each with its reasons.
  const relevant = new Set([...result.expected.notices, ...(result.actual?.notices ?? [])]);
  const explanations = result.explanations.filter((explanation) => relevant.has(explanation.id));
  if (explanations.length > 0) lines.push('      why:');
  for (const explanation of explanations) {
    lines.push(
      `        ${explanation.id}: ${explanation.applies ? `applies, in ${explanation.language}` : 'does not apply'}`,
    );
    for (const reason of explanation.reasons) lines.push(`          - ${reason}`);
  }
  return lines;
}

function describeExpected(expected: TestExpectation): string {
  if (expected.notices.length === 0) return 'no notice';
  return expected.notices.join(', ') + (expected.language === undefined ? '' : ` in ${expected.language}`);
}

function describeActual(actual: TestOutcome): string {
  if (actual.notices.length === 0) return 'no notice';
  return actual.notices.map((id, index) => `${id} in ${actual.languages[index] ?? '?'}`).join(', ');
}

function formatCoverage(coverage: TestCoverage, threshold: number | undefined, ok: boolean): string[] {
  const { notices, units } = coverage;
  const parts = COVERAGE_KINDS.flatMap(([kind, name]) => {
    const counts = coverage.byKind[kind];
    return counts === undefined ? [] : [`${counts.covered}/${counts.total} ${name}`];
  });
  const lines = [
    `coverage: ${formatPercent(coverage.percent)} of ${units.total} units (${units.covered} reached: ${parts.join(', ')}), ` +
      `${notices.covered}/${notices.total} notices`,
  ];
  if (notices.uncovered.length > 0) lines.push(`  notices no passing case shows: ${notices.uncovered.join(', ')}`);
  for (const unit of units.uncovered) {
    lines.push(`  not exercised: ${unit.file}:${unit.line}:${unit.column} notice "${unit.notice}", ${unit.label}`);
  }
  if (threshold !== undefined) {
    lines.push(
      ok ? `coverage meets the threshold of ${threshold}%` : `coverage is below the threshold of ${threshold}%`,
    );
  }
  return lines;
}

/** The kinds of unit in the order the summary names them. */
const COVERAGE_KINDS: readonly [CoverageKind, string][] = [
  ['branch', 'when branches'],
  ['regions', 'regions entries'],
  ['not_regions', 'not_regions entries'],
  ['unknown_location', 'unknown locations'],
  ['languages', 'languages entries'],
  ['not_languages', 'not_languages entries'],
  ['paths', 'paths globs'],
  ['not_paths', 'not_paths globs'],
  ['networks', 'network entries'],
  ['not_networks', 'not_networks entries'],
  ['message', 'message languages'],
  ['overrides', 'overrides'],
];
