/**
 * `explain --git REV` and `explain --rules-version HASH`: the rules in force when a logged decision
 * was made, so that it can be replayed with the visitor, path and time its audit record gives.
 */
import { commitOf, rulesAtRevision, rulesWithVersion, type RulesAtRevision } from './git-rules';
import { UsageError } from './io';

export interface ReplayedRules {
  /** What to load. */
  paths: string[];
  /** For people: where the rules come from; null when they are the files on disk as given. */
  description: string | null;
  /** For `--json`: `{ replay: { revision, commit } }`, or nothing. */
  json: { replay?: { revision: string | null; commit: string | null; rulesVersion: string | null } };
  cleanup(): void;
}

export function replayedRules(
  options: { git?: string | undefined; rulesVersion?: string | undefined },
  paths: readonly string[],
): ReplayedRules {
  const { git, rulesVersion } = options;
  if (git === undefined && rulesVersion === undefined)
    return { paths: [...paths], description: null, json: {}, cleanup: () => undefined };
  if (git !== undefined && rulesVersion !== undefined)
    throw new UsageError('give either --git or --rules-version, not both');
  if (paths.length !== 1) throw new UsageError('to replay from git history, give one rules directory');
  const rulesPath = paths[0] as string;
  if (git !== undefined) {
    const copy = rulesAtRevision(git, rulesPath);
    const commit = commitOf(git, rulesPath);
    return fromCopy(copy, `${rulesPath} as committed at ${git} (${commit.slice(0, 12)})`, {
      revision: git,
      commit,
      rulesVersion: null,
    });
  }
  const found = rulesWithVersion(rulesVersion as string, rulesPath);
  const where =
    found.revision === null
      ? `${rulesPath} as it is on disk`
      : `${rulesPath} as committed in ${found.revision.slice(0, 12)}`;
  return fromCopy(found.copy, `rules version ${rulesVersion as string}: ${where}`, {
    revision: found.revision,
    commit: found.revision,
    rulesVersion: rulesVersion as string,
  });
}

function fromCopy(
  copy: RulesAtRevision,
  description: string,
  replay: NonNullable<ReplayedRules['json']['replay']>,
): ReplayedRules {
  if (copy.rulesPath === null) {
    copy.cleanup();
    throw new UsageError(`there are no rule files in ${description}`);
  }
  return { paths: [copy.rulesPath], description, json: { replay }, cleanup: copy.cleanup };
}

/** Runs `load` and removes the replayed copy afterwards (the loaded rule set keeps what it read). */
export function withCleanup<T>(replay: ReplayedRules, load: () => T): T {
  try {
    return load();
  } finally {
    replay.cleanup();
  }
}
