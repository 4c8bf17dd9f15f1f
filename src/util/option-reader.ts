import type { CacheOption } from '../pipeline/cache-policy';
import { previewSecretProblem } from '../preview/token-format';

/**
 * Reading a factory's options, shared by the middleware and the Fetch handler: each names its own
 * error prefix through `fail`, and both check a value the same way.
 */

export const isFunction = (value: unknown): boolean => typeof value === 'function';
export const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

export type Fail = (message: string) => never;

/** Reads `options[key]`: undefined when absent, else the value if `check` accepts it, else `fail` saying what it must be. */
export function readOption<T>(
  options: object,
  key: string,
  type: string,
  check: (value: unknown) => boolean,
  fail: Fail,
): T | undefined {
  const value: unknown = (options as Record<string, unknown>)[key];
  if (value === undefined) return undefined;
  if (!check(value)) fail(`option "${key}" must be ${type}; got ${JSON.stringify(value) ?? typeof value}`);
  return value as T;
}

/** The kill switch, `enabled`: true when absent; a function is asked on every request, and only `false` turns notices off. */
export function readEnabled(options: object, fail: Fail): () => boolean {
  const enabled =
    readOption<boolean | (() => boolean)>(
      options,
      'enabled',
      'true, false or a function returning one',
      (value) => isBoolean(value) || isFunction(value),
      fail,
    ) ?? true;
  return typeof enabled === 'function' ? () => enabled() !== false : () => enabled;
}

/** The `cache` option: null for 'private' (the default), else the request headers to vary on. */
export function readCacheOption(cache: CacheOption | undefined, fail: Fail): readonly string[] | null {
  if (cache === undefined || cache === 'private') return null;
  if (typeof cache === 'object' && cache !== null && 'vary' in cache) {
    const names = typeof cache.vary === 'string' ? [cache.vary] : cache.vary;
    if (
      Array.isArray(names) &&
      names.length > 0 &&
      names.every((name) => typeof name === 'string' && /^[A-Za-z0-9-]+$/.test(name))
    )
      return names as string[];
  }
  fail(
    `option "cache" must be 'private' or { vary: 'CF-IPCountry' } (a header name or a list of them); got ${JSON.stringify(cache)}`,
  );
}

/** The `preview` option's secret, checked as the CLI checks it; null without the option. */
export function readPreviewSecret(preview: { secret: string } | undefined, fail: Fail): string | null {
  if (preview === undefined) return null;
  if (typeof preview !== 'object' || preview === null)
    fail(`option "preview" must be { secret: '…' }; got ${JSON.stringify(preview)}`);
  const problem = previewSecretProblem(preview.secret);
  if (problem !== null || typeof preview.secret !== 'string')
    fail(`option "preview": ${problem ?? 'the preview secret must be text'}`);
  return preview.secret;
}
