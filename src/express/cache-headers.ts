import type { OutgoingHttpHeader } from 'node:http';

/**
 * Makes a Cache-Control value private: `public` and `s-maxage` go (a shared cache must not keep
 * a response that differs by visitor), everything else stays, `no-store` included.
 */
export function mergePrivate(value: OutgoingHttpHeader | undefined): string {
  if (value === undefined) return 'private';
  const kept = directives(value).filter((directive) => {
    const name = directive.split('=', 1)[0]?.trim().toLowerCase();
    return name !== 'public' && name !== 's-maxage' && name !== 'private';
  });
  return ['private', ...kept].join(', ');
}

/** Adds header names to a Vary value, once each, case-insensitively; `*` already covers everything. */
export function mergeVary(value: OutgoingHttpHeader | undefined, names: readonly string[]): string {
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

/** Whether a Cache-Control value forbids changing the body (RFC 9111 `no-transform`). */
export function hasNoTransform(value: OutgoingHttpHeader | undefined): boolean {
  return directives(value).some((directive) => directive.toLowerCase() === 'no-transform');
}

function directives(value: OutgoingHttpHeader | undefined): string[] {
  if (value === undefined) return [];
  const joined = Array.isArray(value) ? value.join(',') : String(value);
  return joined
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
