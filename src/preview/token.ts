/**
 * Preview tokens (SPEC "Preview for QA"): a signed, expiring description of a visitor, so that a
 * tester can see a page as a reader in, say, Crimea would, without a VPN.
 *
 *   token   = base64url(payload) + "." + base64url(HMAC-SHA256(secret, payload))
 *   payload = "country=UA;region=UA-43;lang=ru;exp=1767225600"   (region and lang optional)
 *
 * Pure: no clock and no configuration of its own; the caller passes the secret and "now". The
 * middleware's `preview` option and `geonotice preview-token` both use this module.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

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
const BASE64URL = /^[A-Za-z0-9_-]+$/;
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

/**
 * Signs a preview token for `visitor`. Throws a TypeError when a field cannot be written into the
 * payload (lower-case or malformed codes, a region outside the country, a `lang` containing `;`
 * or `=`, a non-integer `exp`) or when the secret is one the middleware would refuse
 * (see `previewSecretProblem`). The lifetime is the caller's to check (`previewLifetimeProblem`):
 * this function has no clock.
 */
export function createPreviewToken(visitor: PreviewVisitor, secret: PreviewSecret): string {
  const problem = visitorProblem(visitor) ?? previewSecretProblem(secret);
  if (problem !== null) throw new TypeError(`createPreviewToken: ${problem}`);
  const payload = serialisePayload(visitor);
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${sign(payload, secret).toString('base64url')}`;
}

/**
 * The visitor a token stands for, or null when the token is malformed, its signature does not
 * match `secret` (compared in constant time), it has expired at `now`, it would stay valid longer
 * than `MAX_PREVIEW_TOKEN_LIFETIME_SECONDS` from `now`, or the secret is too short.
 * Never throws on any input: a bad token is treated as if absent.
 */
export function verifyPreviewToken(token: string, secret: PreviewSecret, now: Date): PreviewVisitor | null {
  if (typeof token !== 'string' || token.length > MAX_PREVIEW_TOKEN_LENGTH) return null;
  if (previewSecretProblem(secret) !== null) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encodedPayload, encodedSignature] = parts as [string, string];
  const payloadBytes = decodeBase64url(encodedPayload);
  const signature = decodeBase64url(encodedSignature);
  if (payloadBytes === null || signature === null) return null;

  const payload = payloadBytes.toString('utf8');
  const expected = sign(payload, secret);
  // timingSafeEqual needs equal lengths; the length of an HMAC-SHA256 is public anyway.
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;

  const visitor = parsePayload(payload);
  if (visitor === null || visitorProblem(visitor) !== null) return null;
  // A token for longer than the maximum was not made by the CLI: treated like a forged one.
  if (previewLifetimeProblem(visitor.exp, now) !== null) return null;
  return now.getTime() < visitor.exp * 1000 ? visitor : null;
}

/** `country=…;region=…;lang=…;exp=…`, keys in that order, absent ones left out. */
export function serialisePayload(visitor: PreviewVisitor): string {
  const pairs: string[] = [`country=${visitor.country}`];
  if (visitor.region !== undefined) pairs.push(`region=${visitor.region}`);
  if (visitor.lang !== undefined) pairs.push(`lang=${visitor.lang}`);
  pairs.push(`exp=${visitor.exp}`);
  return pairs.join(';');
}

function sign(payload: string, secret: PreviewSecret): Buffer {
  return createHmac('sha256', secretBytes(secret)).update(payload, 'utf8').digest();
}

function secretBytes(secret: PreviewSecret): Buffer {
  if (typeof secret === 'string') return Buffer.from(secret, 'utf8');
  if (secret instanceof Uint8Array) return Buffer.from(secret);
  return Buffer.alloc(0);
}

/** Strict base64url: Buffer's decoder skips stray characters, which would make tokens malleable. */
function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** Reads a payload; null for unknown, repeated or missing keys and for a malformed `exp`. */
function parsePayload(payload: string): PreviewVisitor | null {
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
function visitorProblem(visitor: PreviewVisitor): string | null {
  if (typeof visitor !== 'object' || visitor === null) return 'the visitor must be an object';
  const { country, region, lang, exp } = visitor;
  if (typeof country !== 'string' || !COUNTRY.test(country)) {
    return `country must be an upper-case ISO 3166-1 alpha-2 code, got ${JSON.stringify(country)}`;
  }
  if (region !== undefined && (typeof region !== 'string' || !REGION.test(region) || !region.startsWith(`${country}-`))) {
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
