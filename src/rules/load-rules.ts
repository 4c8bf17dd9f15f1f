import type { RuleSet } from '../core/rule-set';
import { checkRules } from './check-rules';
import { RuleSetError } from './errors';

/**
 * Loads a rule set from directories (every `*.yaml`/`*.yml` inside, recursively) and files.
 * All or nothing: any problem throws a `RuleSetError` listing every problem found.
 */
export function loadRules(paths: string | readonly string[]): RuleSet {
  const check = checkRules(paths);
  if (check.errors.length > 0 || !check.ruleSet) throw new RuleSetError(check.errors);
  return check.ruleSet;
}
