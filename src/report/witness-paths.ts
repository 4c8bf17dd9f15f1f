/**
 * Witness paths: a few concrete URL paths for each path glob, chosen so that two globs that
 * match different paths are told apart by at least one of them. `/news/*` and `/news/**` both
 * match `/news/w`, but only `/news/**` matches `/news/w/w` and `/news`; `{a,b}` gives a path for
 * each alternative. Deciding both rule sets on every witness of every glob either side names
 * (plus `/` and one path no glob names) finds every path on which their decisions differ.
 */

/** Stands for "a path that none of the rules' globs names". */
export const OTHER_PATH = '/geonotice-other-path';

/** At most this many witnesses per glob, so that a glob full of `**` cannot explode. */
const MAX_PER_GLOB = 24;

/**
 * The witnesses of every glob, `/` first and `OTHER_PATH` last, each once, in a stable order;
 * just `/` when there is no glob (every path then decides alike).
 */
export function witnessPaths(globs: Iterable<string>): string[] {
  const sorted = [...new Set(globs)].sort();
  if (sorted.length === 0) return ['/'];
  const found = new Set<string>(['/']);
  for (const glob of sorted) {
    for (const path of globWitnesses(glob)) found.add(path);
  }
  found.delete(OTHER_PATH);
  return [...found, OTHER_PATH];
}

/** Concrete paths for one glob: each brace alternative, `**` as zero, one and two segments. */
export function globWitnesses(glob: string): string[] {
  const paths = new Set<string>();
  for (const pattern of expandBraces(glob)) {
    for (const path of segmentVariants(pattern)) {
      if (paths.size >= MAX_PER_GLOB) break;
      paths.add(path.startsWith('/') ? path : `/${path}`);
    }
  }
  return [...paths];
}

/** `/a/{b,c}/d` → `/a/b/d`, `/a/c/d`; nested braces too. A `{1..3}` range gives its first value. */
function expandBraces(pattern: string): string[] {
  const open = findOpenBrace(pattern);
  if (open === -1) return [pattern];
  const close = matchingBrace(pattern, open);
  if (close === -1) return [pattern];
  const body = pattern.slice(open + 1, close);
  const alternatives = splitTopLevel(body);
  const range = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(\.\.\d+)?$/.exec(body);
  const choices = range !== null ? [range[1] ?? ''] : alternatives.length > 1 ? alternatives : [`{${body}}`];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return choices.flatMap((choice) => expandBraces(head + choice + tail)).slice(0, MAX_PER_GLOB);
}

function findOpenBrace(pattern: string): number {
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++;
    else if (pattern[index] === '{') return index;
  }
  return -1;
}

function matchingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let index = open; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}

/** Splits at commas that are not inside nested braces. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(body.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Every combination of the segments' variants: `**` stands for no segment, one, or two. */
function segmentVariants(pattern: string): string[] {
  let results: string[][] = [[]];
  for (const segment of pattern.split('/')) {
    const options: string[][] = segment === '**' ? [[], ['w'], ['w', 'w']] : [[concreteSegment(segment)]];
    results = results.flatMap((prefix) => options.map((option) => [...prefix, ...option])).slice(0, MAX_PER_GLOB);
  }
  return results.map((segments) => segments.join('/') || '/');
}

/** One concrete segment for a segment pattern: every wildcard replaced by a letter it allows. */
function concreteSegment(segment: string): string {
  let out = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index] as string;
    if (char === '\\') {
      out += segment[index + 1] ?? '';
      index++;
    } else if (char === '*' || char === '?') {
      // `**` inside a segment (`a**b`) is a plain star there.
      if (char === '*' && segment[index + 1] === '*') index++;
      out += 'w';
    } else if (char === '[') {
      const close = segment.indexOf(']', index + 2);
      if (close === -1) {
        out += char;
        continue;
      }
      out += classMember(segment.slice(index + 1, close));
      index = close;
    } else if ('@+!'.includes(char) && segment[index + 1] === '(') {
      const close = segment.indexOf(')', index);
      const first = segment.slice(index + 2, close === -1 ? undefined : close).split('|')[0] ?? '';
      out += char === '!' ? 'w' : concreteSegment(first);
      index = close === -1 ? segment.length : close;
    } else {
      out += char;
    }
  }
  return out;
}

/** A character of a bracket class: its first member, or `w` for a negated (`^`) class that allows it. */
function classMember(body: string): string {
  if (body.startsWith('^')) return body.includes('w') ? '_' : 'w';
  if (body.startsWith('[:')) return 'w';
  return body[0] ?? 'w';
}
