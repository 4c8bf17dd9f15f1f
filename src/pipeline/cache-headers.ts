import type { ResponseHeaders } from './headers';

/**
 * Makes a Cache-Control value private: `public` and `s-maxage` go (a shared cache must not keep
 * a response that differs by visitor), everything else stays, `no-store` included.
 */
export function mergePrivate(value: string | undefined): string {
  if (value === undefined) return 'private';
  const kept = directives(value).filter((directive) => {
    const name = directive.split('=', 1)[0]?.trim().toLowerCase();
    return name !== 'public' && name !== 's-maxage' && name !== 'private';
  });
  return ['private', ...kept].join(', ');
}

/**
 * The headers a CDN or proxy obeys instead of Cache-Control (RFC 9213's CDN-Cache-Control and
 * its vendors', Surrogate-Control, Akamai's Edge-Control, nginx's X-Accel-Expires): while one of
 * them says "cache", `private` alone does not keep a response out of that cache.
 */
const TARGETED_CACHE_HEADERS = [
  'CDN-Cache-Control',
  'Cloudflare-CDN-Cache-Control',
  'Surrogate-Control',
  'Edge-Control',
  'X-Accel-Expires',
];

/** Keeps a response out of every shared cache: `private` merged in, the targeted cache headers removed. */
export function makePrivate(headers: ResponseHeaders): void {
  headers.set('Cache-Control', mergePrivate(headers.get('Cache-Control')));
  removeTargetedCacheHeaders(headers);
}

/** Keeps a response out of every cache: `no-store`, the targeted cache headers removed. */
export function makeUnstorable(headers: ResponseHeaders): void {
  headers.set('Cache-Control', 'no-store');
  removeTargetedCacheHeaders(headers);
}

function removeTargetedCacheHeaders(headers: ResponseHeaders): void {
  for (const name of TARGETED_CACHE_HEADERS) if (headers.get(name) !== undefined) headers.delete(name);
}

/** Adds header names to a Vary value, once each, case-insensitively; `*` already covers everything. */
export function mergeVary(value: string | undefined, names: readonly string[]): string {
  if (value === undefined && names.length === 1) return names[0]!;
  const present = directives(value);
  if (present.includes('*')) return '*';
  const lower = new Set(present.map((name) => name.toLowerCase()));
  for (const name of names) {
    if (!lower.has(name.toLowerCase())) {
      present.push(name);
      lower.add(name.toLowerCase());
    }
  }
  return present.join(', ');
}

/** Adds request header names to a response's Vary. */
export function addVary(headers: ResponseHeaders, names: readonly string[]): void {
  if (names.length > 0) headers.set('Vary', mergeVary(headers.get('Vary'), names));
}

/** Whether a Cache-Control value forbids changing the body (RFC 9111 `no-transform`). */
export function hasNoTransform(value: string | undefined): boolean {
  return directives(value).some((directive) => directive.toLowerCase() === 'no-transform');
}

function directives(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
