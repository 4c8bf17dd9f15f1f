import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'dist/cli/bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a separate process, the way a user or CI job does (`npm test` builds
 * first). `cwd` defaults to the project root, so `rules` means the shipped rules.
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with `--json` appended and parses what it printed. */
export function runCliJson<T>(args: readonly string[], options?: { cwd?: string }): { code: number | null; json: T } {
  const result = runCli([...args, '--json'], options);
  return { code: result.code, json: JSON.parse(result.stdout) as T };
}

/**
 * Runs the CLI in this process through its `run()` entry, with standard output and error
 * captured: the same code path as the binary, without a process per call (and counted in
 * coverage). Paths are relative to the working directory of the test run, the project root.
 */
export async function runInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<CliResult> {
  // Loaded here so that a test file that only spawns the binary does not load the CLI itself.
  const { run } = await import('../../src/cli/run');
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => err.push(`${text}\n`),
    env,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** `runInProcess` with `--json` appended, its output parsed. */
export async function runInProcessJson<T>(
  args: readonly string[],
): Promise<{ code: number | null; json: T; stderr: string }> {
  const result = await runInProcess([...args, '--json']);
  return { code: result.code, json: JSON.parse(result.stdout) as T, stderr: result.stderr };
}
