import picomatch from 'picomatch';
import { resolvedPath } from '../core/path-forms';
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

/**
 * Globs matched against two forms of a path: as sent, exactly, and as a server resolves it
 * (`resolvedPath`), case-insensitively. `paths` holds when either form matches; `not_paths`
 * excludes only when both do, so that `/news/..%2Fapi/x`, which Express routes under `/news/`,
 * does not fall under `not_paths: [/api/**]`.
 */
export function compilePathMatcher(globs: readonly string[]): PathMatcher {
  const exact = picomatch([...globs], GLOB_OPTIONS);
  const folded = picomatch([...globs], { ...GLOB_OPTIONS, nocase: true });
  // For an ordinary lower-case path the resolved form is the path itself, and without upper-case
  // letters in the globs the case-insensitive test can only repeat the exact one.
  const globsHaveUpperCase = globs.some((glob) => glob !== glob.toLowerCase());
  const foldedDiffers = (path: string, resolved: string): boolean => resolved !== path || globsHaveUpperCase;
  return {
    globs,
    matchesAny(path) {
      if (exact(path)) return true;
      const resolved = resolvedPath(path);
      return foldedDiffers(path, resolved) && folded(resolved);
    },
    matchesEvery(path) {
      if (!exact(path)) return false;
      const resolved = resolvedPath(path);
      return !foldedDiffers(path, resolved) || folded(resolved);
    },
  };
}
