import fs from 'node:fs';
import path from 'node:path';
import type { RuleSet } from '../core/rule-set';
import { ErrorCodes, GeonoticeError } from '../errors';
import { checkRules, formatProblem } from '../rules';

/** What the middleware's `status()` tells: the rules in use and the last reload problem. */
export interface RulesStatus {
  rulesVersion: string;
  loadedAt: string;
  /** The last failed reload's message; null once a reload succeeds. */
  lastError: string | null;
  watching: boolean;
}

export interface RuleSource {
  current(): RuleSet;
  status(): RulesStatus;
  /** Re-reads the files now; resolves to whether the new set was taken. */
  reload(): boolean;
  close(): void;
}

export interface RuleSourceOptions {
  watch: boolean;
  /** Quiet time after the last change before reloading: editors and `git checkout` write in bursts. */
  debounceMs?: number;
  onError: (error: Error) => void;
  onReload?: (ruleSet: RuleSet) => void;
  /** Why a valid rule set still cannot be served with this configuration, or null to take it. */
  refuse?: (ruleSet: RuleSet) => string | null;
}

/** A file with no content is most likely being written right now: never take it as "no rules". */
function emptyFiles(files: readonly string[]): string[] {
  return files.filter((file) => {
    try {
      return fs.readFileSync(file, 'utf8').trim() === '';
    } catch {
      return true;
    }
  });
}

/**
 * Holds the rule set the middleware serves. With `watch`, changes under the rule paths are
 * reloaded after a quiet moment and validated in full; a broken, empty or half-written change
 * keeps the last good set serving and is reported, so an edit never takes notices down.
 */
export function createRuleSource(initial: RuleSet, paths: readonly string[] | null, options: RuleSourceOptions): RuleSource {
  let ruleSet = initial;
  let loadedAt = new Date();
  let lastError: string | null = null;
  const watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  function reload(): boolean {
    if (paths === null) return false;
    try {
      const check = checkRules(paths);
      const empty = emptyFiles(check.files);
      if (check.errors.length > 0 || check.ruleSet === null || empty.length > 0) {
        const problems =
          empty.length > 0 ? empty.map((file) => `${file}: the file is empty (still being written?)`) : check.errors.map(formatProblem);
        lastError = `rules not reloaded, still serving version ${ruleSet.version}:\n${problems.join('\n')}`;
        options.onError(new GeonoticeError(ErrorCodes.rules, `geonotice: ${lastError}`));
        return false;
      }
      const refusal = options.refuse?.(check.ruleSet) ?? null;
      if (refusal !== null) {
        lastError = `rules not reloaded, still serving version ${ruleSet.version}: ${refusal}`;
        options.onError(new GeonoticeError(ErrorCodes.rules, `geonotice: ${lastError}`));
        return false;
      }
      ruleSet = check.ruleSet;
      loadedAt = new Date();
      lastError = null;
      options.onReload?.(ruleSet);
      return true;
    } catch (error) {
      lastError = `rules not reloaded: ${error instanceof Error ? error.message : String(error)}`;
      options.onError(new GeonoticeError(ErrorCodes.rules, `geonotice: ${lastError}`, { cause: error }));
      return false;
    }
  }

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 150);
    timer.unref();
  };

  if (options.watch && paths !== null) {
    for (const target of paths) {
      const isDirectory = fs.statSync(target).isDirectory();
      // A directory is watched recursively; a single file through its directory, so that an
      // editor's write-to-temp-then-rename is still seen.
      const watched = isDirectory ? target : path.dirname(target);
      const watcher = fs.watch(watched, { recursive: isDirectory, persistent: false }, (_event, name) => {
        if (!isDirectory && name !== null && path.basename(String(name)) !== path.basename(target)) return;
        schedule();
      });
      watcher.on('error', (error) => options.onError(new GeonoticeError(ErrorCodes.rules, `geonotice: watching ${target} failed`, { cause: error })));
      watchers.push(watcher);
    }
  }

  return {
    current: () => ruleSet,
    status: () => ({ rulesVersion: ruleSet.version, loadedAt: loadedAt.toISOString(), lastError, watching: watchers.length > 0 }),
    reload,
    close: () => {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.splice(0)) watcher.close();
    },
  };
}
