import { writeFileSync } from 'node:fs';
import { geoDataInfo } from '../../geo/geoip-lite';
import { checkRules, formatProblem } from '../../rules';
import { renderReport } from '../../report/report-page';
import { parseCommandArgs, rulePaths } from '../args';
import { plural } from '../format';
import { describeProvenance, rulesProvenance } from '../git-rules';
import { ExitCode, UsageError, type CliIO } from '../io';
import { runRuleTests } from '../rule-tests';
import { testCoverage } from '../test-coverage';
import { parseInstant } from '../visitor';

export const reportHelp = `Usage: geonotice report --out FILE [options] [RULES...]

Writes one self-contained HTML page about the rules (default: ./rules) for auditors: the rules
version and the geo data's date, every notice (owner, reference, active window, review date,
languages, priority, overrides, wording), a world map coloured by the notices that apply in each
country with the subdivisions listed beside it, the decision for every location and language the
rules name, the warnings and the test results. It loads nothing from the network.

Exits 0 when the page is written, even if tests fail (the page shows them); 1 for invalid rules.

Options:
  --out FILE   where to write the page ("-" for standard output)
  --at DATE    decide the map and table as of this ISO 8601 date or date-time (default now)
  --path P     decide for this URL path only (default: every path the rules tell apart)
  --json       print { out, rulesVersion, provenance, notices, warnings, tests: { passed, failed } }
  -h, --help   show this help`;

export function reportCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    at: { type: 'string' },
    path: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.out === undefined || values.out === '')
    throw new UsageError('say where to write the page: --out report.html');
  if (values.out === '-' && values.json)
    throw new UsageError('--json prints a summary to standard output, so it cannot go with --out -');
  const path = values.path ?? null;
  if (path !== null && !path.startsWith('/')) throw new UsageError(`--path must start with "/": got "${path}"`);
  const generatedAt = new Date();
  const decidedAt = values.at === undefined ? generatedAt : parseInstant(values.at);

  const paths = rulePaths(positionals);
  const check = checkRules(paths, { now: decidedAt });
  if (check.ruleSet === null) {
    io.stderr(check.errors.map(formatProblem).join('\n'));
    io.stderr(`the rules are invalid; run "geonotice validate ${paths.join(' ')}" for details`);
    return ExitCode.failed;
  }
  const ruleSet = check.ruleSet;
  const provenance = rulesProvenance(paths);
  const tests = runRuleTests(ruleSet, decidedAt);
  const page = renderReport({
    ruleSet,
    generatedAt,
    decidedAt,
    path,
    geoData: readGeoData(),
    warnings: check.warnings,
    tests,
    coverage: testCoverage(ruleSet, tests),
    provenance: describeProvenance(provenance),
  });

  if (values.out === '-') io.stdout(page);
  else writeFileSync(values.out, page, 'utf8');
  const passed = tests.filter((result) => result.ok).length;
  const summary = {
    out: values.out,
    rulesVersion: ruleSet.version,
    provenance,
    notices: ruleSet.notices.length,
    warnings: check.warnings.length,
    tests: { passed, failed: tests.length - passed },
  };
  if (values.json) io.stdout(JSON.stringify(summary, null, 2));
  else if (values.out !== '-') {
    io.stdout(
      `wrote ${values.out}: rules version ${ruleSet.version}, ${plural(summary.notices, 'notice')}, ${plural(summary.warnings, 'warning')}, ` +
        `tests ${passed} passed, ${summary.tests.failed} failed`,
    );
  }
  return ExitCode.ok;
}

function readGeoData(): { builtAt: string; packageVersion: string; refreshed: boolean } | null {
  try {
    const { builtAt, packageVersion, refreshed } = geoDataInfo();
    return { builtAt, packageVersion, refreshed };
  } catch {
    return null;
  }
}
