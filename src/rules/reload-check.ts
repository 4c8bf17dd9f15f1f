import * as fs from 'node:fs';
import type { RuleSet } from '../core/rule-set';
import { checkRules } from './check-rules';
import type { RuleProblem } from './errors';

/** What a reload learns from the files: the new rule set, or every reason not to take it. */
export interface ReloadCheck {
  /** Null when there is any problem. */
  ruleSet: RuleSet | null;
  problems: RuleProblem[];
}

/**
 * Reads and checks the rules for a reload. Stricter than a start-up load in one way: a file with
 * no content is most likely being written right now, so it is never taken as "no rules".
 */
export function checkForReload(paths: readonly string[]): ReloadCheck {
  const check = checkRules(paths);
  const empty = check.files.filter(isBlank);
  if (empty.length > 0) {
    return { ruleSet: null, problems: empty.map((file) => ({ file, line: 1, column: 1, message: 'the file is empty (still being written?)' })) };
  }
  return { ruleSet: check.errors.length === 0 ? check.ruleSet : null, problems: check.errors };
}

function isBlank(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').trim() === '';
  } catch {
    return true;
  }
}
