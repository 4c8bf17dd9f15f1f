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
