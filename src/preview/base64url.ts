/** base64url (RFC 4648 section 5, no padding) with what every runtime has: btoa and atob. */

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes of strict base64url text, or null: text that does not encode back to itself (stray
 * characters, non-zero padding bits) is refused, so that a token cannot be written two ways.
 */
export function decodeBase64url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return encodeBase64url(bytes) === text ? bytes : null;
}
