/**
 * Only http(s) and relative URLs are allowed, so a rule can never make a `javascript:` or
 * `data:` link. Browsers ignore tabs and newlines inside URLs (`java\tscript:`), so any
 * whitespace or control character is refused outright.
 */
export function hrefProblem(href: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(href)) return `link "href" must not contain spaces or control characters`;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href)?.[1];
  if (scheme === undefined) return null; // relative: /path, ../x, ?q, #frag, //host
  if (!/^https?$/i.test(scheme)) return `link "href" must be an http(s) URL or a relative URL, not a "${scheme}:" URL`;
  try {
    new URL(href);
    return null;
  } catch {
    return `link "href" is not a valid URL: "${href}"`;
  }
}
