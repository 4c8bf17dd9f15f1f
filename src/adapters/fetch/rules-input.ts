import type { RuleSet } from '../../core/rule-set';
import { loadCompiledRules } from '../../rules/compiled';

function isRuleSet(value: unknown): value is RuleSet {
  return typeof value === 'object' && value !== null && 'notices' in value && 'version' in value && 'byId' in value;
}

/**
 * The rule set of the `rules` option: a loaded rule set as it is, else the compiled rules (the
 * parsed JSON `geonotice compile` writes, or its text), checked again as they load.
 */
export function ruleSetOf(rules: unknown): RuleSet {
  return isRuleSet(rules) ? rules : loadCompiledRules(rules);
}
