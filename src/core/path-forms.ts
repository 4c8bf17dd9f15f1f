/**
 * A URL path as a server may resolve it: percent-decoded once, `\` read as `/`, repeated slashes
 * collapsed, dot segments removed and case-folded (Express routes are case-insensitive). Path
 * conditions look at this form beside the path as sent, so that no spelling of a URL escapes a
 * notice, nor falls under an exclusion it does not belong to.
 */

/** Only a path with one of these can resolve to something other than itself, lower-cased. */
const NEEDS_RESOLVING = /[%\\]|\/\/|\/\.\.?(?:\/|$)/;

let lastPath = '';
let lastResolved = '';

/** The resolved, case-folded form of `path` (which starts with `/`). */
export function resolvedPath(path: string): string {
  // A request asks about its path once per path condition: remembering the last answer keeps
  // that to one resolution per request.
  if (path === lastPath) return lastResolved;
  const resolved = NEEDS_RESOLVING.test(path) ? resolve(path) : path.toLowerCase();
  lastPath = path;
  lastResolved = resolved;
  return resolved;
}

function resolve(path: string): string {
  const decoded = decodeOnce(path)
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/');
  return removeDotSegments(decoded.startsWith('/') ? decoded : `/${decoded}`).toLowerCase();
}

/** Percent-decoding as a server does it, once; a malformed escape is left as written. */
function decodeOnce(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** RFC 3986 section 5.2.4, for a path that starts with `/`. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split('/').slice(1);
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '..' || segment === '.') {
      if (segment === '..') output.pop();
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  });
  return `/${output.join('/')}`;
}
