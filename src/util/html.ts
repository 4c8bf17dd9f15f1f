/**
 * Escaping for text put into HTML, and the check that keeps a link from running script: shared by
 * the notices injected into pages and the report the CLI writes.
 */

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
