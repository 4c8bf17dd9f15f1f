/**
 * The rule files as they were at a git revision, copied into a temporary directory so that the
 * ordinary loader reads them. Only `git` plumbing is used (rev-parse, ls-tree, cat-file), with
 * arguments passed as a list, never through a shell.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from './io';

export interface RulesAtRevision {
  /** The directory (or file) to load, inside a temporary directory; null when the revision has no rule files there. */
  rulesPath: string | null;
  /** How many rule files were copied. */
  files: number;
  /** Removes the temporary directory. */
  cleanup(): void;
}

const RULE_FILE = /\.ya?ml$/i;

export function rulesAtRevision(revision: string, rulesPath: string): RulesAtRevision {
  // A revision that starts with "-" would be read by git as an option.
  if (revision === '' || revision.startsWith('-')) throw new UsageError(`not a git revision: "${revision}"`);
  const absolute = path.resolve(rulesPath);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`no such rule file or directory: ${rulesPath}`);
  }
  const workDir = isDirectory ? absolute : path.dirname(absolute);
  const topLevel = git(workDir, ['rev-parse', '--show-toplevel'], `${rulesPath} is not inside a git repository`).toString('utf8').trim();
  git(topLevel, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], `unknown git revision "${revision}"`);

  const inRepo = path.relative(realpathSync(topLevel), realpathSync(absolute)).split(path.sep).join('/');
  const listed = git(topLevel, ['ls-tree', '-r', '-z', '--name-only', revision, '--', inRepo === '' ? '.' : inRepo], 'git ls-tree failed')
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '' && RULE_FILE.test(file));

  const temporary = mkdtempSync(path.join(tmpdir(), 'geonotice-rules-'));
  const cleanup = (): void => rmSync(temporary, { recursive: true, force: true });
  try {
    for (const file of listed) {
      const target = path.join(temporary, ...file.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, git(topLevel, ['cat-file', 'blob', `${revision}:${file}`], `cannot read ${file} at ${revision}`));
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  const copied = path.join(temporary, ...(inRepo === '' ? [] : inRepo.split('/')));
  return { rulesPath: listed.length === 0 ? null : copied, files: listed.length, cleanup };
}

function git(cwd: string, args: readonly string[], failure: string): Buffer {
  const result = spawnSync('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) throw new UsageError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = result.stderr.toString('utf8').trim();
    throw new UsageError(detail === '' ? failure : `${failure}: ${detail}`);
  }
  return result.stdout;
}
