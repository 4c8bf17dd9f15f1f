/**
 * The rule files as they were at a git revision, copied into a temporary directory so that the
 * ordinary loader reads them. Only `git` plumbing is used (rev-parse, ls-tree, cat-file), with
 * arguments passed as a list, never through a shell.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRuleFiles } from '../rules/read-files';
import { ruleSetVersion } from '../rules/version';
import { UsageError } from './io';

export interface RulesAtRevision {
  /** The directory (or file) to load, inside a temporary directory; null when the revision has no rule files there. */
  rulesPath: string | null;
  /** How many rule files were copied. */
  files: number;
  /** Removes the temporary directory. */
  cleanup: () => void;
}

const RULE_FILE = /\.ya?ml$/i;

/** Where a rules path sits in its git repository; null when it is in none (or git is missing). */
interface RepoPlace {
  topLevel: string;
  /** The path inside the repository, `/`-separated; `.` for the top level itself. */
  inRepo: string;
}

function repoPlace(rulesPath: string): RepoPlace | null {
  const absolute = path.resolve(rulesPath);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new UsageError(`no such rule file or directory: ${rulesPath}`);
  }
  const workDir = isDirectory ? absolute : path.dirname(absolute);
  const found = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: workDir });
  if (found.error !== undefined || found.status !== 0) return null;
  const topLevel = found.stdout.toString('utf8').trim();
  const inRepo = path.relative(realpathSync(topLevel), realpathSync(absolute)).split(path.sep).join('/');
  return { topLevel, inRepo: inRepo === '' ? '.' : inRepo };
}

function requireRepo(rulesPath: string): RepoPlace {
  const place = repoPlace(rulesPath);
  if (place === null) throw new UsageError(`${rulesPath} is not inside a git repository`);
  return place;
}

export function rulesAtRevision(revision: string, rulesPath: string): RulesAtRevision {
  // A revision that starts with "-" would be read by git as an option.
  if (revision === '' || revision.startsWith('-')) throw new UsageError(`not a git revision: "${revision}"`);
  const { topLevel, inRepo } = requireRepo(rulesPath);
  git(topLevel, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], `unknown git revision "${revision}"`);

  const listed = git(topLevel, ['ls-tree', '-r', '-z', '--name-only', revision, '--', inRepo], 'git ls-tree failed')
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '' && RULE_FILE.test(file));

  const temporary = mkdtempSync(path.join(tmpdir(), 'geonotice-rules-'));
  const cleanup = (): void => rmSync(temporary, { recursive: true, force: true });
  try {
    for (const file of listed) {
      const target = path.join(temporary, ...file.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(
        target,
        git(topLevel, ['cat-file', 'blob', `${revision}:${file}`], `cannot read ${file} at ${revision}`),
      );
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  const copied = path.join(temporary, ...(inRepo === '.' ? [] : inRepo.split('/')));
  return { rulesPath: listed.length === 0 ? null : copied, files: listed.length, cleanup };
}

/** Where rules come from in git: the commit checked out, the last that changed them, and whether the files differ from it. */
export interface RulesProvenance {
  /** The commit checked out (HEAD), full hash. */
  commit: string;
  /** The last commit that changed the rules path, with its committer date (ISO 8601); null when none has. */
  rulesCommit: { hash: string; date: string } | null;
  /** The working tree differs from HEAD under the rules path (changed, added, deleted or untracked files). */
  dirty: boolean;
  /** `git status --porcelain` lines for the rules path: `M rules/a.yaml`, `?? rules/b.yaml`. */
  changes: string[];
}

/**
 * The git provenance of rules on disk, over every path given: the first path's HEAD, the newest
 * commit that changed any of them, every change in the working tree. Null outside a repository
 * or without git.
 */
export function rulesProvenance(rulesPaths: readonly string[]): RulesProvenance | null {
  const each = rulesPaths.map(pathProvenance);
  const [first] = each;
  if (first === undefined || first === null) return null;
  const known = each.filter((provenance): provenance is RulesProvenance => provenance !== null);
  const rulesCommit = known
    .map((provenance) => provenance.rulesCommit)
    .reduce(
      (newest, candidate) =>
        candidate !== null && (newest === null || candidate.date > newest.date) ? candidate : newest,
      null,
    );
  const changes = [...new Set(known.flatMap((provenance) => provenance.changes))];
  return { commit: first.commit, rulesCommit, dirty: changes.length > 0, changes };
}

function pathProvenance(rulesPath: string): RulesProvenance | null {
  const place = repoPlace(rulesPath);
  if (place === null) return null;
  const run = (args: string[]): string | null => {
    const result = spawnSync('git', args, { cwd: place.topLevel, maxBuffer: 16 * 1024 * 1024 });
    return result.error === undefined && result.status === 0 ? result.stdout.toString('utf8') : null;
  };
  const commit = run(['rev-parse', '--verify', '--quiet', 'HEAD'])?.trim();
  if (commit === undefined || commit === '') return null;
  const last = run(['log', '-1', '--format=%H%x00%cI', '--', place.inRepo])?.trim() ?? '';
  const [hash, date] = last.split('\0');
  const changes = (run(['status', '--porcelain', '--untracked-files=all', '--', place.inRepo]) ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return { commit, rulesCommit: hash && date ? { hash, date } : null, dirty: changes.length > 0, changes };
}

/** One line for people: `commit 1a2b3c4 (rules last changed in 9f8e7d6, 2026-11-30); the working tree differs: M rules/a.yaml`. */
export function describeProvenance(provenance: RulesProvenance | null): string {
  if (provenance === null) return 'not in a git repository';
  const { commit, rulesCommit, dirty, changes } = provenance;
  const last =
    rulesCommit === null
      ? 'the rules are not committed yet'
      : `rules last changed in ${rulesCommit.hash.slice(0, 12)}, ${rulesCommit.date.slice(0, 10)}`;
  const tree = dirty
    ? `; the working tree differs from it: ${changes.slice(0, 5).join(', ')}${changes.length > 5 ? `, … (${changes.length} files)` : ''}`
    : '; the working tree matches it';
  return `git commit ${commit.slice(0, 12)} (${last})${tree}`;
}

/** The commit a revision names, full hash. */
export function commitOf(revision: string, rulesPath: string): string {
  const { topLevel } = requireRepo(rulesPath);
  return git(
    topLevel,
    ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
    `unknown git revision "${revision}"`,
  )
    .toString('utf8')
    .trim();
}

/** How many commits of the rules' history `rulesWithVersion` looks through. */
const VERSION_SEARCH_LIMIT = 500;

/**
 * The rules whose version (the content hash every decision carries) is `version`: the files on
 * disk if they have it, else the newest commit in the rules path's history that has it.
 */
export function rulesWithVersion(
  version: string,
  rulesPath: string,
): { revision: string | null; copy: RulesAtRevision } {
  if (!/^[0-9a-f]{16}$/.test(version))
    throw new UsageError(
      `a rules version is 16 hex digits, as decisions and "geonotice validate" give it: got "${version}"`,
    );
  if (versionOf(rulesPath) === version)
    return { revision: null, copy: { rulesPath, files: 0, cleanup: () => undefined } };
  const { topLevel, inRepo } = requireRepo(rulesPath);
  const commits = git(
    topLevel,
    ['log', `--max-count=${VERSION_SEARCH_LIMIT}`, '--format=%H', '--', inRepo],
    'git log failed',
  )
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  for (const commit of commits) {
    const copy = rulesAtRevision(commit, rulesPath);
    if (copy.rulesPath !== null && versionOf(copy.rulesPath) === version) return { revision: commit, copy };
    copy.cleanup();
  }
  throw new UsageError(
    `no rules with version ${version} in ${rulesPath} or in the last ${commits.length} commits that changed it`,
  );
}

function versionOf(rulesPath: string): string | null {
  const read = readRuleFiles([rulesPath]);
  return read.problems.length > 0 || read.files.length === 0 ? null : ruleSetVersion(read.files);
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
