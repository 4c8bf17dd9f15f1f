import type { NoticeLink, NoticeStyle } from '../core/types';

/**
 * The notice markup of SPEC:
 *
 *   <aside class="geonotice geonotice-warning" role="note" lang="ru" data-geonotice="id">
 *     <strong class="geonotice-title">…</strong> <div class="geonotice-text">…</div>
 *     <a class="geonotice-link" href="…">…</a></aside>
 *
 * Every text is escaped; only a message's `html` (trusted markup from the rule file) goes in as is.
 */

/** What a notice needs to be drawn; structurally a `DecidedNotice` without its placement. */
export interface NoticeContent {
  id: string;
  language: string;
  style: NoticeStyle;
  title?: string;
  text?: string;
  html?: string;
  link?: NoticeLink;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A scheme at the start of a URL, as a browser reads it. */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * The href to use for a link, or null when it must be dropped. Allowed: `http:`, `https:` and
 * scheme-less (relative or `//host`) URLs. Browsers ignore leading/trailing control characters
 * and spaces and strip tabs and newlines anywhere (`java\nscript:` is `javascript:`), so the
 * scheme is judged after doing the same.
 */
export function safeHref(href: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  // eslint-disable-next-line no-control-regex
  if (cleaned === '' || /[\u0000-\u001f\u007f]/.test(cleaned)) return null;
  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined) return cleaned;
  return scheme === 'http' || scheme === 'https' ? cleaned : null;
}

/** Renders one notice as an `<aside>`. */
export function renderNotice(notice: NoticeContent): string {
  const parts: string[] = [
    `<aside class="geonotice geonotice-${escapeHtml(notice.style)}" role="note"` +
      ` lang="${escapeHtml(notice.language)}" data-geonotice="${escapeHtml(notice.id)}">`,
  ];
  if (notice.title !== undefined && notice.title !== '') {
    parts.push(`<strong class="geonotice-title">${escapeHtml(notice.title)}</strong>`);
  }
  // `html` is trusted markup written in the rule file; `text` is plain text.
  const body = notice.html ?? (notice.text !== undefined ? escapeHtml(notice.text) : '');
  if (body !== '') parts.push(`<div class="geonotice-text">${body}</div>`);
  const href = notice.link === undefined ? null : safeHref(notice.link.href);
  if (notice.link !== undefined && href !== null) {
    parts.push(`<a class="geonotice-link" href="${escapeHtml(href)}">${escapeHtml(notice.link.label)}</a>`);
  }
  parts.push('</aside>');
  return parts.join('');
}

/** Renders notices in the order given (the decision's display order). */
export function renderNotices(notices: readonly NoticeContent[]): string {
  return notices.map(renderNotice).join('');
}
