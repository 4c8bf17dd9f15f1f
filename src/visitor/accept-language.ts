import { parse as parseWithLibrary } from 'accept-language-parser';
import { canonicalQuality, normaliseLanguageTag } from './language-tag';

/** Only this much of a header is read; the rest is ignored (RFC 9110 sets no limit; browsers send a few dozen bytes). */
export const MAX_ACCEPT_LANGUAGE_LENGTH = 4096;
/** Only this many list entries are read, valid or not. */
export const MAX_ACCEPT_LANGUAGE_ENTRIES = 32;

/**
 * A site's visitors send far fewer distinct headers than requests, and parsing one costs a few
 * microseconds (mostly in the library's regular expression), so recent short headers are
 * remembered. The cache is bounded and simply emptied when full: a flood of distinct headers
 * costs the normal parse, never memory.
 */
const MAX_CACHED_HEADERS = 1000;
const MAX_CACHED_HEADER_LENGTH = 256;
const recentHeaders = new Map<string, readonly string[]>();

/**
 * The visitor's languages from an `Accept-Language` header: lower-case BCP 47 tags, most preferred
 * first (entries of equal weight keep their header order), each tag once.
 *
 * accept-language-parser does the weighting and the ordering, but it runs its regular expression
 * over whatever it is given: `fr; q=0.5` yields a language `q`, `de;q=-1` yields `de` with full
 * weight, and `q=0` entries survive. So the header is first cut to a bounded size, split into
 * entries and each entry checked here; the library only ever sees canonical `tag;q=n` entries.
 * Entries dropped: weight 0 ("not acceptable"), a weight that is not an RFC 9110 qvalue, `*`
 * (it names no language), and tags that are not well formed (see `normaliseLanguageTag`).
 *
 * Never throws, and its work is bounded by the two limits above whatever the input.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (typeof header !== 'string' || header.length === 0) return [];
  const cached = recentHeaders.get(header);
  if (cached !== undefined) return cached.slice();
  const languages = parseUncached(header);
  if (header.length <= MAX_CACHED_HEADER_LENGTH) {
    if (recentHeaders.size >= MAX_CACHED_HEADERS) recentHeaders.clear();
    recentHeaders.set(header, languages);
  }
  return languages.slice();
}

function parseUncached(header: string): string[] {
  const entries = acceptableEntries(header);
  if (entries.length === 0) return [];
  const ranked = parseWithLibrary(entries.map((entry) => `${entry.tag};q=${entry.quality}`).join(','));
  return uniqueTags(ranked.map(tagOf));
}

interface AcceptableEntry {
  tag: string;
  quality: string;
}

/** The well-formed entries with a positive weight among the first entries of the cut header. */
function acceptableEntries(header: string): AcceptableEntry[] {
  const entries: AcceptableEntry[] = [];
  let considered = 0;
  for (const raw of cutHeader(header).split(',')) {
    const text = raw.trim();
    // RFC 9110 lets a list carry empty elements (`a, , b`); they are not entries.
    if (text.length === 0) continue;
    if (++considered > MAX_ACCEPT_LANGUAGE_ENTRIES) break;
    const entry = readEntry(text);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * The header cut at the size limit. A cut inside an entry would leave a shortened tag that means
 * something else (`de-CH` → `de-C`), so a partial last entry is dropped with the rest.
 */
function cutHeader(header: string): string {
  if (header.length <= MAX_ACCEPT_LANGUAGE_LENGTH) return header;
  const head = header.slice(0, MAX_ACCEPT_LANGUAGE_LENGTH);
  if (header.charAt(MAX_ACCEPT_LANGUAGE_LENGTH) === ',') return head;
  const lastComma = head.lastIndexOf(',');
  return lastComma < 0 ? '' : head.slice(0, lastComma);
}

/** One `tag *( OWS ";" OWS param )` entry; null when it is unusable. */
function readEntry(text: string): AcceptableEntry | null {
  const parts = text.split(';');
  const tag = normaliseLanguageTag((parts[0] ?? '').trim());
  if (tag === null) return null;
  let quality = '1';
  for (let i = 1; i < parts.length; i++) {
    const param = (parts[i] ?? '').trim();
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).trim().toLowerCase();
    // Accept-Language defines only the weight; other parameters carry nothing we use.
    if (name !== 'q') continue;
    const weight = equals < 0 ? null : canonicalQuality(param.slice(equals + 1).trim());
    if (weight === null || weight === '0') return null;
    quality = weight;
  }
  return { tag, quality };
}

function tagOf(language: { code: string; script?: string | null; region?: string }): string {
  let tag = language.code;
  if (language.script) tag += `-${language.script}`;
  if (language.region) tag += `-${language.region}`;
  return tag.toLowerCase();
}

function uniqueTags(tags: readonly string[]): string[] {
  // The list is ordered by weight, so the first occurrence of a tag carries its highest weight.
  return [...new Set(tags)];
}
