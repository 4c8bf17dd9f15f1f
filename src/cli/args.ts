import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
import { UsageError } from './io';

/**
 * node:util's parseArgs, strict, with its errors turned into UsageError so that every command
 * reports a bad flag the same way (exit code 2).
 */
export function parseCommandArgs<T extends Options>(
  args: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Positional rule paths, defaulting to the `rules` directory of the working directory. */
export function rulePaths(positionals: readonly string[]): string[] {
  return positionals.length > 0 ? [...positionals] : ['rules'];
}
