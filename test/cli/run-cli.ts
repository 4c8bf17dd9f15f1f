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
