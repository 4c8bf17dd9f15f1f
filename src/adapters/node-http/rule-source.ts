import type { RuleSet } from '../../core/rule-set';
import { ErrorCodes, GeonoticeError } from '../../errors';
import { formatProblem } from '../../rules';
import { checkForReloadOffThread } from '../../rules/reload-off-thread';
import { watchRulePaths, type RuleWatcher } from './rule-watcher';

/** What the middleware's `status()` tells: the rules in use and the last reload problem. */
export interface RulesStatus {
  rulesVersion: string;
  loadedAt: string;
  /** Why the rules are not being watched, else the last failed reload's message; null once a reload succeeds. */
  lastError: string | null;
  /** True only while every rule path is being watched. */
  watching: boolean;
}

export interface RuleSource {
  current(): RuleSet;
  status(): RulesStatus;
  /** Re-reads the files now (off the main thread where it can); resolves to whether the new set was taken. */
  reload(): Promise<boolean>;
  close(): void;
}

export interface RuleSourceOptions {
  watch: boolean;
  /** Quiet time after the last change before reloading: editors and `git checkout` write in bursts. */
  debounceMs?: number;
  /** How often the watch checks that the paths still lead where it is attached. */
  checkIntervalMs?: number;
  onError: (error: Error) => void;
  onReload?: (ruleSet: RuleSet) => void;
  /** Why a valid rule set still cannot be served with this configuration, or null to take it. */
  refuse?: (ruleSet: RuleSet) => string | null;
}

/**
 * Holds the rule set the middleware serves. With `watch`, changes under the rule paths are
 * reloaded after a quiet moment and validated in full, in a worker thread; a broken, empty or
 * half-written change keeps the last good set serving and is reported, so an edit never takes
 * notices down. Reloads run one at a time, each reading the files as they are when it starts.
 */
export function createRuleSource(
  initial: RuleSet,
  paths: readonly string[] | null,
  options: RuleSourceOptions,
): RuleSource {
  let ruleSet = initial;
  let loadedAt = new Date();
  let reloadError: string | null = null;
  let watcher: RuleWatcher | null = null;
  let closed = false;
  // The reload queued behind the running one: further changes until it starts are read by it too.
  let waiting: Promise<boolean> | null = null;
  let previous: Promise<unknown> = Promise.resolve();

  const fail = (message: string, cause?: unknown): false => {
    reloadError = message;
    options.onError(
      new GeonoticeError(ErrorCodes.rules, `geonotice: ${message}`, cause === undefined ? undefined : { cause }),
    );
    return false;
  };

  const watchMessage = (problem: string): string =>
    `not watching the rules: ${problem}; still serving version ${ruleSet.version}, and reloading when the path is back`;

  async function readAndSwap(): Promise<boolean> {
    if (paths === null || closed) return false;
    try {
      const check = await checkForReloadOffThread(paths);
      if (closed) return false;
      if (check.ruleSet === null) {
        return fail(
          `rules not reloaded, still serving version ${ruleSet.version}:\n${check.problems.map(formatProblem).join('\n')}`,
        );
      }
      const refusal = options.refuse?.(check.ruleSet) ?? null;
      if (refusal !== null) return fail(`rules not reloaded, still serving version ${ruleSet.version}: ${refusal}`);
      ruleSet = check.ruleSet;
      loadedAt = new Date();
      reloadError = null;
      options.onReload?.(ruleSet);
      return true;
    } catch (error) {
      return fail(`rules not reloaded: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  function reload(): Promise<boolean> {
    if (waiting !== null) return waiting;
    const next = previous.then(() => {
      waiting = null;
      return readAndSwap();
    });
    waiting = next;
    previous = next.catch(() => undefined);
    return next;
  }

  if (options.watch && paths !== null) {
    watcher = watchRulePaths(paths, {
      debounceMs: options.debounceMs ?? 150,
      checkIntervalMs: options.checkIntervalMs ?? 2000,
      onChange: () => void reload(),
      onProblem: (problem) => {
        if (problem !== null)
          options.onError(new GeonoticeError(ErrorCodes.rules, `geonotice: ${watchMessage(problem)}`));
      },
    });
  }

  return {
    current: () => ruleSet,
    status: () => {
      const problem = watcher?.problem() ?? null;
      return {
        rulesVersion: ruleSet.version,
        loadedAt: loadedAt.toISOString(),
        lastError: problem === null ? reloadError : watchMessage(problem),
        watching: watcher !== null && problem === null,
      };
    },
    reload,
    close: () => {
      closed = true;
      watcher?.close();
      watcher = null;
    },
  };
}
