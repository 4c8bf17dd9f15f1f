/** What a command may touch of the outside world. `bin.ts` wires it to the process; tests to buffers. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment variables a command may read (e.g. a secret kept out of argv); none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes shared by every command: 0 success, 1 validation or test failures, 2 usage error. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the command was called: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
