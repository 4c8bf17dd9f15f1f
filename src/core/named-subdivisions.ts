import type { RuleSet } from './rule-set';

/** The subdivision codes (`UA-43`) that some `regions` or `not_regions` of the rules names, sorted. */
export function namedSubdivisions(ruleSet: RuleSet): string[] {
  const named = new Set<string>();
  for (const notice of ruleSet.notices) {
    for (const condition of notice.conditions) {
      for (const code of condition.regions?.subdivisions ?? []) named.add(code);
      for (const code of condition.notRegions?.subdivisions ?? []) named.add(code);
    }
  }
  return [...named].sort();
}
