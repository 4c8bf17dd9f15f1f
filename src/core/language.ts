/**
 * Language tags: matching for `languages` conditions and the choice of a notice's message.
 *
 * All tags arrive lower-case (the loader and the Accept-Language parser normalise them), so the
 * comparisons here are plain string comparisons.
 *
 * One rule serves both uses: a rule tag matches a visitor tag that is
 * equal or more specific. `ru` matches `ru-ru`; `pt-br` matches `pt-br` only, never `pt` or
 * `pt-pt`. A message key is a rule tag too, so a `pt-br` message is never chosen for a visitor who
 * asked for plain `pt`: that visitor gets `default_language`, which the author chose on purpose,
 * rather than a regional variant we guessed.
 */

const HYPHEN = 0x2d;

/** True when `ruleTag` is `visitorTag` itself or one of its prefixes at a subtag boundary. */
export function tagMatches(ruleTag: string, visitorTag: string): boolean {
  if (visitorTag.length === ruleTag.length) return visitorTag === ruleTag;
  return (
    visitorTag.length > ruleTag.length &&
    visitorTag.charCodeAt(ruleTag.length) === HYPHEN &&
    visitorTag.startsWith(ruleTag)
  );
}

/** The first visitor tag (in preference order) that some rule tag matches, or undefined. */
export function firstMatchingTag(ruleTags: readonly string[], visitorTags: readonly string[]): string | undefined {
  for (const visitorTag of visitorTags) {
    for (const ruleTag of ruleTags) {
      if (tagMatches(ruleTag, visitorTag)) return visitorTag;
    }
  }
  return undefined;
}

/**
 * The message keys that could serve one visitor tag, best first: the tag itself, then each shorter
 * prefix down to the primary subtag (`zh-hant-tw` → `zh-hant` → `zh`). This is RFC 4647 "lookup";
 * "Exact tag first, then primary subtag" is its two-subtag case. A single-letter subtag
 * (an extension or private-use marker such as `x`) never ends a candidate.
 */
export function lookupChain(visitorTag: string): string[] {
  const chain = [visitorTag];
  let end = visitorTag.lastIndexOf('-');
  while (end > 0) {
    const candidate = visitorTag.slice(0, end);
    const previous = candidate.lastIndexOf('-');
    const lastSubtagLength = candidate.length - previous - 1;
    if (lastSubtagLength > 1) chain.push(candidate);
    end = previous;
  }
  return chain;
}

/**
 * The lookup chains for every visitor tag, in preference order, flattened. A notice's message
 * language is the first entry that is one of its message keys.
 */
export function messageLookupOrder(visitorTags: readonly string[]): string[] {
  const order: string[] = [];
  for (const tag of visitorTags) order.push(...lookupChain(tag));
  return order;
}

/**
 * The message language for one notice: the visitor's most preferred language that a message key
 * matches, else the notice's default language.
 */
export function chooseMessageLanguage(
  messageKeys: ReadonlySet<string>,
  defaultLanguage: string,
  lookupOrder: readonly string[],
): string {
  for (const candidate of lookupOrder) {
    if (messageKeys.has(candidate)) return candidate;
  }
  return defaultLanguage;
}
