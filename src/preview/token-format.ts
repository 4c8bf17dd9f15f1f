/**
 * Preview tokens (the `preview` option): a signed, expiring description of a visitor, so that a
 * tester can see a page as a reader in, say, Crimea would, without a VPN.
 *
 *   token   = base64url(payload) + "." + base64url(HMAC-SHA256(secret, payload))
 *   payload = "country=UA;region=UA-43;lang=ru;exp=1767225600"   (region and lang optional)
 *
 * This module is the format, for every runtime; token.ts signs and checks with node:crypto,
 * web-token.ts with Web Crypto. No clock of its own: callers pass "now".
 */
import { decodeBase64url } from './base64url';

/** The visitor a valid token stands for. */
export interface PreviewVisitor {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Full ISO 3166-2 code inside `country` (`UA-43`). */
  region?: string;
  /** An Accept-Language value without `;` (so without q-values): tags in preference order, e.g. `uk,ru`. */
  lang?: string;
  /** Expiry, in Unix seconds: the token is valid strictly before this instant. */
  exp: number;
}

/** An HMAC key: text (UTF-8) or raw bytes. */
export type PreviewSecret = string | Uint8Array;

/** Tokens longer than this are refused unread: a real one is well under 200 characters. */
export const MAX_PREVIEW_TOKEN_LENGTH = 1024;

/** The longest a token may stay valid, 7 days: a token that leaks with a link stops working within a week. */
export const MAX_PREVIEW_TOKEN_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** The shortest secret accepted, in characters (bytes for a byte secret): a guessed secret lets anyone pick their location. */
export const MIN_PREVIEW_SECRET_LENGTH = 16;

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;
/** Accept-Language characters, minus the payload's own separators `;` and `=`. */
const LANG = /^[A-Za-z0-9*, -]{1,256}$/;
const EXP = /^[0-9]{1,12}$/;
const KEYS = ['country', 'region', 'lang', 'exp'] as const;
type PayloadKey = (typeof KEYS)[number];

/**
 * Why `secret` cannot sign preview tokens, or null when it can. The middleware's `preview` option
 * and `geonotice preview-token` both refuse what this refuses, so neither accepts what the other would not.
 */
export function previewSecretProblem(secret: unknown): string | null {
  let length: number;
  if (typeof secret === 'string') length = secret.length;
  else if (secret instanceof Uint8Array) length = secret.byteLength;
  else return `the preview secret must be text, got ${secret === null ? 'null' : typeof secret}`;
  if (length >= MIN_PREVIEW_SECRET_LENGTH) return null;
  return `the preview secret must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters (anyone who knows it can choose where a request appears to come from); got ${length}`;
}

/** Why a token expiring at `exp` (Unix seconds) may not be issued at `now`, or null when it may. */
export function previewLifetimeProblem(exp: number, now: Date): string | null {
  const lifetime = exp - Math.floor(now.getTime() / 1000);
  if (lifetime <= MAX_PREVIEW_TOKEN_LIFETIME_SECONDS) return null;
  return (
    `the token would stay valid for ${(lifetime / 86_400).toFixed(1)} days; a preview token may be valid for at most ` +
    `${MAX_PREVIEW_TOKEN_LIFETIME_SECONDS / 86_400} days (${MAX_PREVIEW_TOKEN_LIFETIME_SECONDS} seconds)`
  );
}

/** `country=…;region=…;lang=…;exp=…`, keys in that order, absent ones left out. */
export function serialisePayload(visitor: PreviewVisitor): string {
  const pairs: string[] = [`country=${visitor.country}`];
  if (visitor.region !== undefined) pairs.push(`region=${visitor.region}`);
  if (visitor.lang !== undefined) pairs.push(`lang=${visitor.lang}`);
  pairs.push(`exp=${visitor.exp}`);
  return pairs.join(';');
}

/** Reads a payload; null for unknown, repeated or missing keys and for a malformed `exp`. */
export function parsePayload(payload: string): PreviewVisitor | null {
  const values = new Map<PayloadKey, string>();
  for (const pair of payload.split(';')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) return null;
    const key = pair.slice(0, equals);
    if (!isPayloadKey(key) || values.has(key)) return null;
    values.set(key, pair.slice(equals + 1));
  }
  const country = values.get('country');
  const exp = values.get('exp');
  if (country === undefined || exp === undefined || !EXP.test(exp)) return null;
  const visitor: PreviewVisitor = { country, exp: Number(exp) };
  const region = values.get('region');
  const lang = values.get('lang');
  if (region !== undefined) visitor.region = region;
  if (lang !== undefined) visitor.lang = lang;
  return visitor;
}

function isPayloadKey(key: string): key is PayloadKey {
  return (KEYS as readonly string[]).includes(key);
}

/** Why `visitor` cannot be carried in a token, or null when it can. */
export function visitorProblem(visitor: PreviewVisitor): string | null {
  if (typeof visitor !== 'object' || visitor === null) return 'the visitor must be an object';
  const { country, region, lang, exp } = visitor;
  if (typeof country !== 'string' || !COUNTRY.test(country)) {
    return `country must be an upper-case ISO 3166-1 alpha-2 code, got ${JSON.stringify(country)}`;
  }
  if (
    region !== undefined &&
    (typeof region !== 'string' || !REGION.test(region) || !region.startsWith(`${country}-`))
  ) {
    return `region must be an upper-case ISO 3166-2 code inside ${country} (e.g. ${country}-XXX), got ${JSON.stringify(region)}`;
  }
  if (lang !== undefined && (typeof lang !== 'string' || !LANG.test(lang))) {
    return `lang must be language tags separated by commas, without ";" or "=" (e.g. "uk,ru"), got ${JSON.stringify(lang)}`;
  }
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp < 0 || !EXP.test(String(exp))) {
    return `exp must be a whole number of Unix seconds, got ${JSON.stringify(exp)}`;
  }
  return null;
}

/**
 * What a token checks once its signature is known to be good: a payload that reads, a visitor
 * that can be carried, not expired at `now`, and no longer-lived than a token may be.
 */
export function claimsOf(payload: string, now: Date): PreviewVisitor | null {
  const visitor = parsePayload(payload);
  if (visitor === null || visitorProblem(visitor) !== null) return null;
  // A token for longer than the maximum was not made by the CLI: treated like a forged one.
  if (previewLifetimeProblem(visitor.exp, now) !== null) return null;
  return now.getTime() < visitor.exp * 1000 ? visitor : null;
}

/** The two parts of a token that may be one, or null when it cannot. */
export function tokenParts(token: unknown): { payload: Uint8Array; signature: Uint8Array } | null {
  if (typeof token !== 'string' || token.length > MAX_PREVIEW_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const payload = decodeBase64url(parts[0]!);
  const signature = decodeBase64url(parts[1]!);
  return payload === null || signature === null ? null : { payload, signature };
}

/** The secret's bytes, as the HMAC key. */
export function secretBytes(secret: PreviewSecret): Uint8Array {
  return typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
}
