import picomatch from 'picomatch';
import type { PathMatcher } from '../core/types';

/**
 * `dot: true`: a notice scoped to `/**` must also cover `/.well-known/…`; a legal notice that
 * silently skips some paths is worse than one shown too widely.
 */
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, strictBrackets: true };

/** Why a path glob is unusable, or null. */
export function globProblem(glob: string): string | null {
  if (!glob.startsWith('/') && !glob.startsWith('**')) {
    const fixed = `/${glob.replace(/^\.?\/*/, '')}`;
    return `path glob "${glob}" can never match: URL paths start with "/" (did you mean "${fixed}"?)`;
  }
  try {
    picomatch.makeRe(glob, GLOB_OPTIONS);
    return null;
  } catch (error) {
    return `path glob "${glob}" is not a valid pattern: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function compilePathMatcher(globs: readonly string[]): PathMatcher {
  const matches = picomatch([...globs], GLOB_OPTIONS);
  return { globs, test: (path: string) => matches(path) };
}
