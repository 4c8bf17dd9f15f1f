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
  return assemble(globs, globs.map(globTests));
}

/**
 * The same matcher, compiled one glob at a time with `pause()` between, for a long list rebuilt
 * while requests are being served.
 */
export async function compilePathMatcherPaced(globs: readonly string[], pause: () => Promise<void>): Promise<PathMatcher> {
  const tests: GlobTests[] = [];
  for (const glob of globs) {
    tests.push(globTests(glob));
    await pause();
  }
  return assemble(globs, tests);
}

type Matcher = (path: string) => boolean;

interface GlobTests {
  exact: Matcher;
  folded: Matcher;
}

function globTests(glob: string): GlobTests {
  return { exact: picomatch(glob, GLOB_OPTIONS), folded: picomatch(glob, { ...GLOB_OPTIONS, nocase: true }) };
}

/** Any of the globs matches: what picomatch does for a list, one glob after another. */
function anyOf(matchers: readonly Matcher[]): Matcher {
  const [only] = matchers;
  if (matchers.length === 1 && only !== undefined) return only;
  return (path) => matchers.some((matches) => matches(path));
}

function assemble(globs: readonly string[], tests: readonly GlobTests[]): PathMatcher {
  const exact = anyOf(tests.map((test) => test.exact));
  const folded = anyOf(tests.map((test) => test.folded));
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
