import fs from 'node:fs';
import path from 'node:path';
import { walkRuleTree } from '../../rules/read-files';

/** Watches the rule paths and says when to read them again, surviving the ways deployments replace them. */
export interface RuleWatcher {
  /** Null while every rule path is watched (and not closed); otherwise why one is not. */
  problem(): string | null;
  close(): void;
}

export interface RuleWatcherOptions {
  /** Quiet time after the last event before acting: editors, `git checkout` and `mv` pairs come in bursts. */
  debounceMs: number;
  /** How often to check that what is watched is still what the paths name, for moves no event reported. */
  checkIntervalMs: number;
  /** The rules may have changed: read them again. */
  onChange: () => void;
  /** `problem()` changed: watching was lost, or is back (null). */
  onProblem: (problem: string | null) => void;
}

/** Which events in one directory matter: any rule-tree entry, and these names. */
interface EventFilter {
  anyEntry: boolean;
  names: Set<string>;
}

interface Watch {
  watcher: fs.FSWatcher;
  /** The directory the watch is attached to (device and inode): a path that now names another is re-watched. */
  identity: string;
  filter: EventFilter;
  /** Holds rules (not only a name on the way to them): losing it means the rules are not watched. */
  content: boolean;
}

interface Target {
  given: string;
  absolute: string;
  directory: boolean;
}

/** Entries the loader never reads, so changes to them never need a reload. */
function skippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function identityOf(directory: string): string | null {
  try {
    const stats = fs.statSync(directory);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : null;
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}

/**
 * Watches the directories the loader reads (each one itself: the same tree walk, links followed
 * once), and for every directory on the way to them the name that leads there. So a directory
 * swapped with `mv`, a symlink re-pointed with `ln -sfn` anywhere along the path, or a file
 * replaced by an editor's rename is an event here; each event re-attaches what moved and asks for
 * a reload. A periodic check catches moves no event reported. When a rule path is gone or cannot
 * be watched, `problem()` says so until it is back.
 */
export function watchRulePaths(paths: readonly string[], options: RuleWatcherOptions): RuleWatcher {
  const targets: Target[] = paths.map((given) => {
    const absolute = path.resolve(given);
    return { given, absolute, directory: identityOf(absolute) !== null };
  });
  const watches = new Map<string, Watch>();
  let problem: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** Every directory to watch with the events that matter in it; and why a rule path cannot be watched. */
  const plan = (): { wanted: Map<string, EventFilter & { content: boolean }>; problems: string[] } => {
    const wanted = new Map<string, EventFilter & { content: boolean }>();
    const problems: string[] = [];
    const want = (directory: string, content: boolean, name?: string): void => {
      let entry = wanted.get(directory);
      if (entry === undefined) wanted.set(directory, (entry = { anyEntry: false, names: new Set(), content: false }));
      entry.content ||= content;
      if (name === undefined) entry.anyEntry = true;
      else entry.names.add(name);
    };
    for (const target of targets) {
      const home = target.directory ? target.absolute : path.dirname(target.absolute);
      for (let step = home; path.dirname(step) !== step; step = path.dirname(step))
        want(path.dirname(step), false, path.basename(step));
      if (target.directory ? identityOf(target.absolute) === null : !fs.existsSync(target.absolute)) {
        problems.push(`${target.given} is gone (moved or deleted)`);
      }
      if (!target.directory) want(home, true, path.basename(target.absolute));
      else for (const directory of walkRuleTree(target.absolute).directories) want(directory, true);
    }
    return { wanted, problems };
  };

  const onEvent = (directory: string, name: string | Buffer | null): void => {
    const filter = watches.get(directory)?.filter;
    if (filter === undefined || closed) return;
    const entry = name === null ? null : path.basename(String(name));
    const matters = entry === null || filter.names.has(entry) || (filter.anyEntry && !skippedName(entry));
    if (!matters) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => refresh(true), options.debounceMs);
    timer.unref();
  };

  /** A watch that failed is dropped; the periodic check tries again, so a lasting failure cannot spin. */
  const onWatchError = (directory: string, error: unknown): void => {
    const content = watches.get(directory)?.content ?? false;
    stopWatching(directory);
    if (content) report([...(problem === null ? [] : [problem]), `watching ${directory} failed (${errorCode(error)})`]);
  };

  const stopWatching = (directory: string): void => {
    watches.get(directory)?.watcher.close();
    watches.delete(directory);
  };

  /** Brings the watches in line with what the paths name now; true when any had to move. */
  const rearm = (): { moved: boolean; problems: string[] } => {
    const { wanted, problems } = plan();
    let moved = false;
    for (const directory of [...watches.keys()]) {
      if (!wanted.has(directory)) {
        stopWatching(directory);
        moved = true;
      }
    }
    for (const [directory, { content, ...filter }] of wanted) {
      const identity = identityOf(directory);
      const existing = watches.get(directory);
      if (existing !== undefined && existing.identity === identity) {
        existing.filter = filter;
        existing.content = content;
        continue;
      }
      if (existing !== undefined) {
        stopWatching(directory);
        moved = true;
      }
      if (identity === null) continue; // a directory on the way that is not there (yet)
      try {
        const watcher = fs.watch(directory, { persistent: false }, (_event, name) => onEvent(directory, name));
        watcher.on('error', (error) => onWatchError(directory, error));
        watches.set(directory, { watcher, identity, filter, content });
        moved ||= existing !== undefined || content;
      } catch (error) {
        if (content) problems.push(`cannot watch ${directory} (${errorCode(error)})`);
      }
    }
    return { moved, problems };
  };

  const report = (problems: readonly string[]): void => {
    const next = problems.length === 0 ? null : problems.join('; ');
    if (next === problem) return;
    problem = next;
    options.onProblem(problem);
  };

  /** After an event (`changed`), or on the periodic check: re-watch what moved, then ask for a reload if anything may differ. */
  const refresh = (changed: boolean): void => {
    if (closed) return;
    const { moved, problems } = rearm();
    report(problems);
    // While a rule path is gone a reload can only fail; it comes when the path is back.
    if ((changed || moved) && problems.length === 0) options.onChange();
  };

  report(rearm().problems);
  const check = setInterval(() => refresh(false), options.checkIntervalMs);
  check.unref();

  return {
    problem: () => problem,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(check);
      for (const directory of [...watches.keys()]) stopWatching(directory);
    },
  };
}
