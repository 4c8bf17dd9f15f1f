import { formatProblem, type RuleProblem } from '../rules/errors';

/** `1 file`, `2 files` (or the plural given). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A visitor's place for humans: `UA-43`, `RU`, or `unknown location`. */
export function describePlace(country: string | null, region: string | null): string {
  return region ?? country ?? 'unknown location';
}

/** `file:line:column: warning: message`, the shape compilers use, so editors can jump to it. */
export function labelledProblem(problem: RuleProblem, severity: 'error' | 'warning'): string {
  return formatProblem({ ...problem, message: `${severity}: ${problem.message}` });
}
