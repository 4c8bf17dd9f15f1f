import { NOTICE_CSS_HASH } from './styles';

/**
 * Whether the page's Content-Security-Policy lets our inline `<style>` apply.
 *
 * `policy` is the response's `Content-Security-Policy` header as `getHeader` returns it: absent,
 * one string (policies may be joined by commas) or several. Every policy must allow the style.
 * For `<style>` elements the browser consults `style-src-elem`, else `style-src`, else
 * `default-src`; none of them means no restriction. A list allows our element when it names our
 * nonce or our hash (`NOTICE_CSS_HASH`), or has `'unsafe-inline'` — which browsers ignore as soon
 * as the same list has any nonce or hash. Report-only policies block nothing: do not pass them.
 */
export function inlineStyleAllowed(policy: string | number | readonly string[] | undefined, nonce?: string): boolean {
  if (policy === undefined) return true;
  const headers = typeof policy === 'object' ? policy : [String(policy)];
  return headers
    .flatMap((header) => header.split(','))
    .every((single) => styleSourcesAllow(styleSources(single), nonce));
}

/**
 * The nonce a page's policy lets `<style>` elements use, where the runtime has no other way to
 * learn it (the edge has no `res.locals.cspNonce`): the first nonce in the source list that
 * governs `<style>` in the first policy. `inlineStyleAllowed` then checks it against every policy.
 */
export function styleNonceOf(policy: string | null | undefined): string | undefined {
  if (policy === null || policy === undefined) return undefined;
  const first = policy.split(',')[0] ?? '';
  for (const source of styleSources(first) ?? []) {
    if (source.toLowerCase().startsWith("'nonce-") && source.endsWith("'") && source.length > 8)
      return source.slice(7, -1);
  }
  return undefined;
}

/** The source list that governs `<style>` elements in one policy, or undefined when unrestricted. */
function styleSources(policy: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const directive of policy.split(';')) {
    const [name, ...sources] = directive.trim().split(/[\t\n\f\r ]+/);
    if (name === undefined || name === '') continue;
    const key = name.toLowerCase();
    // A repeated directive is ignored by browsers: the first one counts.
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives.get('style-src-elem') ?? directives.get('style-src') ?? directives.get('default-src');
}

function styleSourcesAllow(sources: string[] | undefined, nonce: string | undefined): boolean {
  if (sources === undefined) return true;
  let unsafeInline = false;
  let nonceOrHash = false;
  for (const source of sources) {
    const lower = source.toLowerCase();
    if (lower === "'unsafe-inline'") unsafeInline = true;
    else if (lower.startsWith("'nonce-")) {
      nonceOrHash = true;
      // The nonce value itself is case-sensitive (base64).
      if (nonce !== undefined && nonce !== '' && source.slice(7, -1) === nonce && source.endsWith("'")) return true;
    } else if (/^'sha(256|384|512)-/.test(lower)) {
      nonceOrHash = true;
      if (lower.startsWith("'sha256-") && source.slice(8) === NOTICE_CSS_HASH.slice(8)) return true;
    }
  }
  return unsafeInline && !nonceOrHash;
}
