import type { NoticeLink, NoticeStyle } from '../core/types';
import { escapeHtml, safeHref } from '../util/html';

/**
 * The notice markup:
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
