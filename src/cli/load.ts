import type { RuleSet } from '../core/rule-set';
import { loadRules } from '../rules';
import { formatProblem, RuleSetError } from '../rules/errors';
import type { CliIO } from './io';

/**
 * Loads rules for a command that needs a valid set (explain, test, report). An invalid set is
 * reported with every problem and yields null: the caller exits 1, as `validate` would.
 */
export function loadRulesForCommand(paths: readonly string[], io: CliIO): RuleSet | null {
  try {
    return loadRules(paths);
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    io.stderr(error.problems.map(formatProblem).join('\n'));
    io.stderr(`the rules are invalid; run "geonotice validate ${paths.join(' ')}" for details`);
    return null;
  }
}
