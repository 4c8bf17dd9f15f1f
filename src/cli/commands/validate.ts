import { checkRules } from '../../rules';
import { parseCommandArgs, rulePaths } from '../args';
import { ExitCode, type CliIO } from '../io';
import { labelledProblem, plural } from '../format';

export const validateHelp = `Usage: geonotice validate [options] [DIR|FILE...]

Checks rule files (default: ./rules) and prints every problem as file:line:column: message.
Warnings (review date passed, missing translations, rules that can never apply) do not fail
unless --strict is given. Prints the rule set version.

Options:
  --strict   fail on warnings too
  --json     print { ok, rulesVersion, errors, warnings }
  -h, --help show this help`;

export function validateCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  });

  const check = checkRules(rulePaths(positionals));
  const ok = check.errors.length === 0 && (!values.strict || check.warnings.length === 0);

  if (values.json) {
    io.stdout(
      JSON.stringify({ ok, rulesVersion: check.version, errors: check.errors, warnings: check.warnings }, null, 2),
    );
    return ok ? ExitCode.ok : ExitCode.failed;
  }

  const lines = [
    ...check.errors.map((problem) => labelledProblem(problem, 'error')),
    ...check.warnings.map((problem) => labelledProblem(problem, 'warning')),
  ];
  const notices = check.ruleSet?.notices.length;
  lines.push(
    `rules version ${check.version ?? '(none: the files could not be read)'}` +
      ` — ${plural(check.files.length, 'file')}` +
      (notices === undefined ? '' : `, ${plural(notices, 'notice')}`),
  );
  lines.push(
    `${ok ? 'valid' : 'invalid'}: ${plural(check.errors.length, 'error')}, ${plural(check.warnings.length, 'warning')}` +
      (values.strict && check.warnings.length > 0 ? ' (--strict: warnings fail)' : ''),
  );
  io.stdout(lines.join('\n'));
  return ok ? ExitCode.ok : ExitCode.failed;
}
