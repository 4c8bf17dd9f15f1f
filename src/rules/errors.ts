import { ErrorCodes, GeonoticeError } from '../errors';

/** One problem in a rule set, located in its file. */
export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `file:line:column: message`, the format editors and CI annotations understand. */
export function formatProblem(problem: RuleProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** Thrown by `loadRules` (code `GEONOTICE_RULES`): carries every problem found, never only the first. */
export class RuleSetError extends GeonoticeError {
  readonly problems: readonly RuleProblem[];

  constructor(problems: readonly RuleProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(ErrorCodes.rules, `invalid rule set (${count}):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'RuleSetError';
    this.problems = problems;
  }
}
