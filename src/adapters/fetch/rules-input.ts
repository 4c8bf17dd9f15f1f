import type { RuleSet } from '../../core/rule-set';
import { ErrorCodes, GeonoticeError } from '../../errors';

function isRuleSet(value: unknown): value is RuleSet {
  return typeof value === 'object' && value !== null && 'notices' in value && 'version' in value && 'byId' in value;
}

/** The rule set of the `rules` option: a loaded rule set as it is. */
export function ruleSetOf(rules: unknown): RuleSet {
  if (isRuleSet(rules)) return rules;
  throw new GeonoticeError(ErrorCodes.options, 'geonoticeFetch: option "rules" must be a rule set');
}
