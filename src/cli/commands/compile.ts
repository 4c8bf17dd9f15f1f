import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { checkRules } from '../../rules';
import { compileRules } from '../../rules/compiled';
import { parseCommandArgs, rulePaths } from '../args';
import { labelledProblem, plural } from '../format';
import { ExitCode, UsageError, type CliIO } from '../io';

export const compileHelp = `Usage: geonotice compile --out FILE [options] [RULES...]

Checks the rules (default: ./rules) as "geonotice validate" does and writes them as one JSON
file, for runtimes without a file system (Cloudflare Workers, Deno, Bun, Vercel Edge): every
notice with its conditions, the named region sets, the networks with their address prefixes and
the network table's provenance, the tests, and the rules version, the same one validate prints.
Load it with loadCompiledRules, or give it to geonoticeFetch as its "rules" option.

Exits 1 and writes nothing when the rules have an error (each listed as validate lists it, on
standard error); warnings are listed too, and fail only with --strict.

Options:
  --out FILE   where to write the JSON ("-" for standard output)
  --strict     fail on warnings too
  --json       print { ok, rulesVersion, out, bytes, errors, warnings }
  -h, --help   show this help`;

export function compileCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const out = values.out;
  if (out === undefined || out === '') throw new UsageError('say where to write the compiled rules: --out rules.json');
  if (out === '-' && values.json)
    throw new UsageError('--json prints a summary to standard output, so it cannot go with --out -');

  const check = checkRules(rulePaths(positionals));
  const ok = check.ruleSet !== null && (!values.strict || check.warnings.length === 0);
  let bytes: number | null = null;
  if (ok && check.ruleSet !== null) {
    const text = JSON.stringify(compileRules(check.ruleSet));
    bytes = new TextEncoder().encode(text).length;
    if (out === '-') io.stdout(text);
    else writeWhole(out, `${text}\n`);
  }

  if (values.json) {
    io.stdout(
      JSON.stringify(
        { ok, rulesVersion: check.version, out, bytes, errors: check.errors, warnings: check.warnings },
        null,
        2,
      ),
    );
    return ok ? ExitCode.ok : ExitCode.failed;
  }
  const problems = [
    ...check.errors.map((problem) => labelledProblem(problem, 'error')),
    ...check.warnings.map((problem) => labelledProblem(problem, 'warning')),
  ];
  if (problems.length > 0) io.stderr(problems.join('\n'));
  if (!ok) {
    const why =
      check.errors.length > 0
        ? plural(check.errors.length, 'error')
        : `${plural(check.warnings.length, 'warning')} (--strict: warnings fail)`;
    io.stderr(`not written: ${why}`);
    return ExitCode.failed;
  }
  if (out !== '-') {
    io.stdout(
      `wrote ${out}: rules version ${check.version}, ${plural(check.ruleSet?.notices.length ?? 0, 'notice')}, ${plural(bytes ?? 0, 'byte')}`,
    );
  }
  return ExitCode.ok;
}

/** Written beside the target and renamed over it, so an edge never picks up a half-written file. */
function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
