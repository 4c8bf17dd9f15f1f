import { escapeHtml } from '../util/html';

/**
 * The notice stylesheet: readable in the page's flow (never fixed over content), one colour set
 * per style. Pure ASCII on purpose: character references are not decoded inside `<style>`, so
 * this text must survive any ASCII-compatible charset unchanged.
 */
export const NOTICE_CSS = [
  '.geonotice{display:block;box-sizing:border-box;margin:0.75em auto;padding:0.75em 1em;max-width:60em;',
  'border:1px solid;border-left-width:0.4em;border-radius:0.25em;font:inherit;line-height:1.45;text-align:start}',
  '.geonotice-title{display:block;margin-bottom:0.25em;font-weight:bold}',
  '.geonotice-text{margin:0}',
  '.geonotice-link{display:inline-block;margin-top:0.35em;color:inherit;text-decoration:underline}',
  '.geonotice-info{background:#eef5fc;border-color:#2f6fb2;color:#12324f}',
  '.geonotice-warning{background:#fff6e0;border-color:#b7791f;color:#4a3200}',
  '.geonotice-danger{background:#fdecec;border-color:#c53030;color:#5a1111}',
].join('');

/**
 * The CSP source that allows exactly this stylesheet (`'sha256-…'`), for sites that list hashes
 * in `style-src` instead of using nonces. Written out (a test recomputes it from NOTICE_CSS), so
 * that no runtime has to hash at start-up.
 */
export const NOTICE_CSS_HASH = "'sha256-A267/aErFKP7CrWbo1xuPw7xyYDzd8goVA/gK0hKvXI='";

/** Where the notice styles go: inline with an optional nonce, or as a stylesheet the site serves at `href`. */
export interface StyleChoice {
  nonce?: string;
  href?: string;
}

/** The stylesheet's markup: a `<link>` to `href` when given, else the `<style>` element. */
export function renderStyleChoice(choice: StyleChoice): string {
  return choice.href === undefined
    ? renderStyles(choice.nonce)
    : `<link rel="stylesheet" href="${escapeHtml(choice.href)}">`;
}

/** The `<style>` element, carrying `nonce` when given (helmet puts it in `res.locals.cspNonce`). */
export function renderStyles(nonce?: string): string {
  const nonceAttribute = nonce === undefined || nonce === '' ? '' : ` nonce="${escapeHtml(nonce)}"`;
  return `<style${nonceAttribute}>${NOTICE_CSS}</style>`;
}
