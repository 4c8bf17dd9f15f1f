import type { HtmlInjector } from './html/injector';
import { createDeferredInjector } from './deferred-injector';
import { latin1Text } from './bytes';

/** The part of an injector a body transform drives. */
export type PageInjector = Pick<HtmlInjector, 'write' | 'end'>;

/** How far into a page a browser looks for `<meta charset>` (the HTML "prescan" limit). */
export const META_PRESCAN_BYTES = 1024;

/**
 * The charset a byte order mark announces; null when there is none; undefined while fewer than
 * three bytes are known and a UTF-8 mark could still be forming. A mark overrides every other
 * declaration in browsers, the Content-Type charset included.
 */
export function charsetFromBom(head: Uint8Array, complete: boolean): string | null | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length < 3 && !complete) {
    const utf8Prefix = [0xef, 0xbb, 0xbf].slice(0, head.length);
    const utf16Start = head.length === 1 && (head[0] === 0xff || head[0] === 0xfe);
    if (head.length === 0 || utf16Start || head.every((byte, i) => byte === utf8Prefix[i])) return undefined;
  }
  return null;
}

const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const META_TAG = /<meta[\s/][^>]*>/gi;
const CHARSET_ATTRIBUTE = /[\s/]charset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const HTTP_EQUIV_CONTENT_TYPE = /[\s/]http-equiv\s*=\s*["']?\s*content-type\b/i;
const CONTENT_ATTRIBUTE = /[\s/]content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const CHARSET_IN_CONTENT = /charset\s*=\s*["']?\s*([^\s"';]+)/i;

/**
 * The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type" content="…;
 * charset=…">` within its first bytes, or null. A simplified form of the HTML prescan: comments
 * are skipped, the first declaring `<meta>` wins.
 */
export function charsetFromMeta(head: Uint8Array): string | null {
  const text = latin1Text(head, 0, Math.min(head.length, META_PRESCAN_BYTES)).replace(COMMENT, '');
  for (const [tag] of text.matchAll(META_TAG)) {
    const direct = CHARSET_ATTRIBUTE.exec(tag)?.[1];
    if (direct !== undefined) return direct.toLowerCase();
    if (HTTP_EQUIV_CONTENT_TYPE.test(tag)) {
      const content = CONTENT_ATTRIBUTE.exec(tag);
      const value = content?.[1] ?? content?.[2] ?? content?.[3];
      const declared = value === undefined ? undefined : CHARSET_IN_CONTENT.exec(value)?.[1];
      if (declared !== undefined) return declared.toLowerCase();
    }
  }
  return null;
}

/**
 * The charset of a page from its first bytes, the way a browser settles it: byte order mark, then
 * the Content-Type's charset (`declared`), then `<meta>`. Null when none of them names one (the
 * caller's default applies); undefined while the bytes so far (`complete` false) cannot tell yet.
 */
export function settleCharset(head: Uint8Array, declared: string | null, complete: boolean): string | null | undefined {
  const fromBom = charsetFromBom(head, complete);
  if (fromBom === undefined) return undefined;
  const charset = fromBom ?? declared ?? charsetFromMeta(head);
  if (charset === null && !complete && head.length < META_PRESCAN_BYTES) return undefined;
  return charset;
}

/**
 * An injector for a page whose charset is only known once its first bytes are: it holds them
 * back (at most `META_PRESCAN_BYTES`, and only three when the Content-Type names a charset and
 * just a byte order mark could overrule it), settles the charset the way a browser would — byte
 * order mark, then Content-Type, then `<meta>`, then UTF-8 — and then hands over to the injector
 * `create` gives for it. `create` returning null (a charset markup cannot be written in) lets the
 * page through untouched.
 */
export function createCharsetAwareInjector(
  declared: string | null,
  create: (charset: string) => PageInjector | null,
): PageInjector {
  return createDeferredInjector((head, complete) => {
    const charset = settleCharset(head, declared, complete);
    return charset === undefined ? undefined : create(charset ?? 'utf-8');
  });
}
