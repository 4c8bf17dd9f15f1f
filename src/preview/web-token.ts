/**
 * Preview tokens checked with Web Crypto (HMAC-SHA256 through `crypto.subtle`), for runtimes
 * without node:crypto: Cloudflare Workers, Deno, Bun, browsers. The format is token-format.ts's;
 * a token from `geonotice preview-token` verifies here as it does in the middleware.
 */
import { encodeBase64url } from './base64url';
import {
  claimsOf,
  previewSecretProblem,
  secretBytes,
  serialisePayload,
  tokenParts,
  visitorProblem,
  type PreviewSecret,
  type PreviewVisitor,
} from './token-format';
import { ErrorCodes, GeonoticeError } from '../errors';

type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const keys = new Map<string, Promise<HmacKey>>();

function hmacKey(secret: PreviewSecret): Promise<HmacKey> {
  const id = typeof secret === 'string' ? secret : encodeBase64url(secret);
  let key = keys.get(id);
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(id, key);
  }
  return key;
}

/** The visitor a token stands for, or null (see the middleware's `verifyPreviewToken`); never rejects. */
export async function verifyPreviewTokenWeb(
  token: string,
  secret: PreviewSecret,
  now: Date,
): Promise<PreviewVisitor | null> {
  if (previewSecretProblem(secret) !== null) return null;
  const parts = tokenParts(token);
  if (parts === null) return null;
  try {
    // crypto.subtle.verify compares in constant time.
    if (!(await crypto.subtle.verify('HMAC', await hmacKey(secret), parts.signature, parts.payload))) return null;
  } catch {
    return null;
  }
  return claimsOf(new TextDecoder().decode(parts.payload), now);
}

/** Signs a token with Web Crypto: the same token `createPreviewToken` makes. */
export async function createPreviewTokenWeb(visitor: PreviewVisitor, secret: PreviewSecret): Promise<string> {
  const problem = visitorProblem(visitor) ?? previewSecretProblem(secret);
  if (problem !== null) throw new GeonoticeError(ErrorCodes.options, `createPreviewToken: ${problem}`);
  const payload = new TextEncoder().encode(serialisePayload(visitor));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), payload));
  return `${encodeBase64url(payload)}.${encodeBase64url(signature)}`;
}
