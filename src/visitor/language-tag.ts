/**
 * The tag shapes geonotice accepts from a visitor, decided here once:
 *
 * - a primary language subtag of 2 or 3 letters (ISO 639-1/-2/-3: `en`, `uk`, `fil`, `yue`);
 *   4-letter (reserved) and 5–8-letter (rare registered) primaries are refused, and so are
 *   `i-`/`x-` grandfathered and private-use tags — none of them names a language a rule could;
 * - then at most two more subtags of 1–8 letters or digits (`zh-Hant-TW`, `sr-Latn-RS`, `de-CH`):
 *   accept-language-parser represents no more than language, script and region, so a longer tag is
 *   shortened to its first three subtags, and cut before any singleton (`en-US-x-twain` → `en-us`),
 *   which is the RFC 4647 "lookup" fallback, not a change of meaning;
 * - `*` is not a language and is refused.
 *
 * Only the shape is checked, not a registry: `abc` is well formed (and happens to be ISO 639-3's
 * code for Ambala Ayta), so it is kept. That is harmless: a visitor's languages only matter when a
 * rule names them, and rule files are validated on their own.
 */
const PRIMARY = /^[a-z]{2,3}$/;
const SUBTAG = /^[a-z0-9]{1,8}$/;
const MAX_SUBTAGS = 3;
/** Longer text cannot be a tag we keep; checked first so junk is never split at length. */
const MAX_TAG_TEXT = 64;

/** The lower-case tag, shortened as described above, or null when it is not an acceptable tag. */
export function normaliseLanguageTag(text: string): string | null {
  if (text.length < 2 || text.length > MAX_TAG_TEXT) return null;
  const subtags = text.toLowerCase().split('-');
  if (!PRIMARY.test(subtags[0] ?? '')) return null;
  const kept: string[] = [];
  for (const subtag of subtags) {
    if (!SUBTAG.test(subtag)) return null;
    if (kept.length > 0 && subtag.length === 1) break;
    if (kept.length < MAX_SUBTAGS) kept.push(subtag);
  }
  return kept.join('-');
}

/**
 * An RFC 9110 qvalue (`0`, `0.5`, `1`, `1.000`; at most three decimals) in the canonical form that
 * accept-language-parser reads back exactly (`0.5`, `1`), or null when the text is not a qvalue.
 */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

export function canonicalQuality(text: string): string | null {
  return QVALUE.test(text) ? String(Number(text)) : null;
}
