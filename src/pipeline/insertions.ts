import type { DecidedNotice } from '../core/types';
import { encodeMarkup } from './charset';
import type { Insertions } from './html/injector';
import { renderNotice } from './markup';
import { renderStyleChoice, type StyleChoice } from './styles';
import { concatBytes } from './bytes';

/**
 * The bytes to insert for one decision, in the page's charset. Decided notices are shared,
 * frozen objects (one per notice × language per rule set), so each one's markup is rendered and
 * encoded once per charset and then reused by every request; a rule reload brings new objects and
 * the old entries go with them (WeakMap).
 */
export function createInsertionBuilder(render: ((notice: DecidedNotice) => string) | null) {
  const cache = new WeakMap<DecidedNotice, Map<string, Uint8Array | null>>();

  function encoded(notice: DecidedNotice, charset: string): Uint8Array | null {
    let byCharset = cache.get(notice);
    if (byCharset === undefined) {
      byCharset = new Map();
      cache.set(notice, byCharset);
    }
    let bytes = byCharset.get(charset);
    if (bytes === undefined) {
      bytes = encodeMarkup(render ? render(notice) : renderNotice(notice), charset);
      byCharset.set(charset, bytes);
    }
    return bytes;
  }

  // The commonest decision, one notice with a nonce-less stylesheet (or none), is the same bytes on
  // every request: kept whole, per notice, charset and style choice.
  const single = new WeakMap<DecidedNotice, Map<string, Insertions | null>>();

  /** Null when the charset cannot carry inserted markup (UTF-16 and the like): pass the page through. */
  return function buildInsertions(
    notices: readonly DecidedNotice[],
    charset: string,
    styles: StyleChoice | null,
  ): Insertions | null {
    const only = notices.length === 1 ? notices[0] : undefined;
    if (only === undefined || styles?.nonce !== undefined) return assemble(notices, charset, styles);
    let byKey = single.get(only);
    if (byKey === undefined) single.set(only, (byKey = new Map<string, Insertions | null>()));
    const key = `${charset}|${styles === null ? 'plain' : (styles.href ?? 'styled')}`;
    let insertions = byKey.get(key);
    if (insertions === undefined) byKey.set(key, (insertions = assemble(notices, charset, styles)));
    return insertions;
  };

  function assemble(notices: readonly DecidedNotice[], charset: string, styles: StyleChoice | null): Insertions | null {
    const groups: Record<'body-start' | 'body-end' | 'marker', Uint8Array[]> = {
      'body-start': [],
      'body-end': [],
      marker: [],
    };
    for (const notice of notices) {
      if (notice.placement === 'none') continue;
      const bytes = encoded(notice, charset);
      if (bytes === null) return null;
      groups[notice.placement].push(bytes);
    }
    // The stylesheet goes once, with the first group that is placed.
    if (styles !== null) {
      const first = (['body-start', 'marker', 'body-end'] as const).find((placement) => groups[placement].length > 0);
      const css = encodeMarkup(renderStyleChoice(styles), charset);
      if (first !== undefined && css !== null) groups[first].unshift(css);
    }
    const join = (parts: Uint8Array[]): Uint8Array | undefined =>
      parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : concatBytes(parts);
    return { bodyStart: join(groups['body-start']), marker: join(groups.marker), bodyEnd: join(groups['body-end']) };
  }
}
