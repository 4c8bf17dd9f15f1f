import type { RequestHeaders } from './headers';
import type { PagePlacement } from '../core/variance';
import { escapeHtml } from '../util/html';

/**
 * Edge Side Includes: a page is cached once for everyone by a surrogate (Varnish, Fastly,
 * Akamai) that fetches, at delivery, one small include per placement where a notice can apply.
 * This module knows the include URLs: how a page asks for them and how a request for one is read.
 */

/** Where the includes are answered, unless the site chooses another path. */
export const DEFAULT_ESI_PATH = '/_geonotice/esi';

const PLACEMENTS: readonly PagePlacement[] = ['body-start', 'marker', 'body-end'];

/** Whether the surrogate in front says it assembles ESI (`Surrogate-Capability: varnish="ESI/1.0"`). */
export function surrogateAssemblesEsi(headers: RequestHeaders): boolean {
  const capability = headers.get('surrogate-capability');
  // The Edge Architecture form is `name="ESI/1.0"`; a hand-written header may leave the quotes out.
  return typeof capability === 'string' && /=\s*"?[^",]*\bESI\/1\.0\b/i.test(capability);
}

/**
 * Whether a shared cache may keep the application's response as it is: neither `private` nor
 * `no-store`. Only such a page is worth assembling at the edge; any other is injected at once.
 */
export function isShareable(cacheControl: string | undefined): boolean {
  const value = cacheControl ?? '';
  return !/(^|[\s,])(private|no-store)\b/i.test(value);
}

/**
 * The include for one placement. `src` is entity-encoded (`&amp;`), as in any HTML attribute;
 * Varnish decodes it. A page in another charset than UTF-8 asks for its fragment in that charset.
 */
export function esiInclude(esiPath: string, placement: PagePlacement, pagePath: string, charset: string): string {
  const query = new URLSearchParams({ placement, path: pagePath });
  if (charset !== 'utf-8') query.set('charset', charset);
  return `<esi:include src="${escapeHtml(`${esiPath}?${query.toString()}`)}"/>`;
}

/** What an include asks for. */
export interface EsiRequest {
  placement: PagePlacement;
  /** The page's path, which the decision is made for. */
  path: string;
  charset: string;
}

const MAX_PATH_LENGTH = 2048;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
const CHARSET_LABEL = /^[a-z0-9][a-z0-9_.:-]{0,39}$/i;

/** The include a query string asks for; a string saying what is wrong when it is not one (answered 400). */
export function parseEsiRequest(query: string): EsiRequest | string {
  const params = new URLSearchParams(query);
  const placement = params.get('placement');
  const path = params.get('path');
  const charset = params.get('charset') ?? 'utf-8';
  if (!PLACEMENTS.includes(placement as PagePlacement)) return 'placement must be body-start, marker or body-end';
  // A page path is what a decision is made for, never somewhere to go: no scheme, no host, no control characters.
  if (
    path === null ||
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.length > MAX_PATH_LENGTH ||
    hasControlCharacter(path)
  ) {
    return 'path must be the path of a page on this site';
  }
  if (!CHARSET_LABEL.test(charset)) return 'charset must be a charset label';
  return { placement: placement as PagePlacement, path, charset: charset.toLowerCase() };
}

/** Adds `content="ESI/1.0"` to the application's own Surrogate-Control (its TTL for the surrogate stays). */
export function mergeSurrogateControl(value: string | undefined): string {
  const existing = value ?? '';
  if (/content\s*=\s*"[^"]*ESI\/1\.0/i.test(existing)) return existing;
  return existing.trim() === '' ? 'content="ESI/1.0"' : `${existing}, content="ESI/1.0"`;
}
