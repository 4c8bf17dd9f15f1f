/**
 * Preview tokens signed and checked with node:crypto, synchronously, for the node:http adapter and
 * the CLI. The format is token-format.ts's.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
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

export {
  MAX_PREVIEW_TOKEN_LENGTH,
  MAX_PREVIEW_TOKEN_LIFETIME_SECONDS,
  MIN_PREVIEW_SECRET_LENGTH,
  previewLifetimeProblem,
  previewSecretProblem,
  serialisePayload,
  type PreviewSecret,
  type PreviewVisitor,
} from './token-format';

/**
 * Signs a preview token for `visitor`. Throws a TypeError when a field cannot be written into the
 * payload (lower-case or malformed codes, a region outside the country, a `lang` containing `;`
 * or `=`, a non-integer `exp`) or when the secret is one the middleware would refuse
 * (see `previewSecretProblem`). The lifetime is the caller's to check (`previewLifetimeProblem`):
 * this function has no clock.
 */
export function createPreviewToken(visitor: PreviewVisitor, secret: PreviewSecret): string {
  const problem = visitorProblem(visitor) ?? previewSecretProblem(secret);
  if (problem !== null) throw new GeonoticeError(ErrorCodes.options, `createPreviewToken: ${problem}`);
  const payload = serialisePayload(visitor);
  return `${encodeBase64url(new TextEncoder().encode(payload))}.${encodeBase64url(sign(payload, secret))}`;
}

/**
 * The visitor a token stands for, or null when the token is malformed, its signature does not
 * match `secret` (compared in constant time), it has expired at `now`, it would stay valid longer
 * than `MAX_PREVIEW_TOKEN_LIFETIME_SECONDS` from `now`, or the secret is too short.
 * Never throws on any input: a bad token is treated as if absent.
 */
export function verifyPreviewToken(token: string, secret: PreviewSecret, now: Date): PreviewVisitor | null {
  if (previewSecretProblem(secret) !== null) return null;
  const parts = tokenParts(token);
  if (parts === null) return null;
  const payload = new TextDecoder().decode(parts.payload);
  const expected = sign(payload, secret);
  // timingSafeEqual needs equal lengths; the length of an HMAC-SHA256 is public anyway.
  if (parts.signature.length !== expected.length || !timingSafeEqual(parts.signature, expected)) return null;
  return claimsOf(payload, now);
}

function sign(payload: string, secret: PreviewSecret): Uint8Array {
  return createHmac('sha256', secretBytes(secret)).update(payload, 'utf8').digest();
}
