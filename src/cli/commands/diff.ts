import { createRuleSet, type RuleSet } from '../../core/rule-set';
import { diffRuleSets } from '../../report/rule-set-diff';
import { parseCommandArgs } from '../args';
import { formatDiffMarkdown } from '../diff-markdown';
import { commitOf, describeProvenance, rulesAtRevision, rulesProvenance } from '../git-rules';
import { ExitCode, UsageError, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { parseInstant } from '../visitor';

export const diffHelp = `Usage: geonotice diff [options] OLD NEW
       geonotice diff --git REV [options] [RULES]

Compares two rule sets completely, first by what visitors see: both decide for every region the
rules name (countries and subdivisions), an unknown location and anywhere else; in every language
the rules name and none; on "/", on witness paths for every path pattern either side names and on
a path none names; on each named network's entries (an address at each end of each prefix, and
the AS number) and on none; now and at every later moment an activation window opens or closes.
Then by what the rules say: every notice's settings (description, owner, reference, review_by,
active, priority, conditions, overrides, placement, style, languages), the wording of every
message, old and new side by side, the region sets, the networks and the tests. Prints Markdown
for a pull request. A change of bytes alone (comments, formatting) is named as such.

With --git REV, OLD is RULES (default: ./rules) as committed at REV and NEW is RULES as it is now.

Options:
  --git REV     compare with the rules at this git revision (a commit, branch or tag)
  --at DATE     the first moment to decide at, an ISO 8601 date or date-time (default now)
  --path P      decide only for this URL path (default: every witness path)
  --exit-code   exit 1 when the rules differ in anything but bytes (like git diff --exit-code)
  --json        print { verdict, changes: [{ region, language, path, at, added, removed, changed }],
                wording, settings, regionSets, tests, ... }
  -h, --help    show this help`;

export function diffCommand(args: readonly string[], io: CliIO): ExitCode {
  const { values, positionals } = parseCommandArgs(args, {
    git: { type: 'string' },
    at: { type: 'string' },
    path: { type: 'string' },
    'exit-code': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const at = values.at === undefined ? new Date() : parseInstant(values.at);
  if (values.path !== undefined && !values.path.startsWith('/'))
    throw new UsageError(`--path must start with "/": got "${values.path}"`);

  const sides = values.git === undefined ? twoDirectories(positionals) : againstRevision(values.git, positionals);
  try {
    const before = sides.loadOld(io);
    if (before === null) return ExitCode.failed;
    const after = loadRulesForCommand([sides.newPath], io);
    if (after === null) return ExitCode.failed;

    const diff = diffRuleSets(before, after, at, values.path === undefined ? {} : { path: values.path });
    if (values.json) {
      const { decisions, content } = diff;
      io.stdout(
        JSON.stringify(
          {
            old: { rules: sides.oldLabel, version: before.version, git: sides.oldSource.json },
            new: { rules: sides.newLabel, version: after.version, git: sides.newSource.json },
            verdict: diff.verdict,
            at: at.toISOString(),
            moments: decisions.moments,
            paths: decisions.paths,
            changes: decisions.changes,
            notices: content.notices,
            settings: content.settings,
            wording: content.wording,
            regionSets: content.regionSets,
            networks: content.networks,
            networkTable: content.networkTable,
            tests: content.tests,
          },
          null,
          2,
        ),
      );
    } else {
      const provenance = [`Old from ${sides.oldSource.text}.`, `New from ${sides.newSource.text}.`];
      io.stdout(
        formatDiffMarkdown(diff, before, after, {
          ...sides,
          oldVersion: before.version,
          newVersion: after.version,
          provenance,
        }),
      );
    }
    return values['exit-code'] && diff.verdict === 'different' ? ExitCode.failed : ExitCode.ok;
  } finally {
    sides.cleanup();
  }
}

interface Sides {
  oldLabel: string;
  newLabel: string;
  newPath: string;
  /** Where each side comes from in git, for people and for JSON. */
  oldSource: { text: string; json: object | null };
  newSource: { text: string; json: object | null };
  /** The old rule set, or null after reporting why it could not be loaded. */
  loadOld(io: CliIO): RuleSet | null;
  cleanup(): void;
}

function twoDirectories(positionals: readonly string[]): Sides {
  if (positionals.length !== 2)
    throw new UsageError(
      `give two rule directories, OLD and NEW (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'})`,
    );
  const [oldPath, newPath] = positionals as [string, string];
  return {
    oldLabel: oldPath,
    newLabel: newPath,
    newPath,
    oldSource: onDisk(oldPath),
    newSource: onDisk(newPath),
    loadOld: (io) => loadRulesForCommand([oldPath], io),
    cleanup: () => undefined,
  };
}

function onDisk(rulesPath: string): Sides['oldSource'] {
  const provenance = rulesProvenance([rulesPath]);
  return { text: describeProvenance(provenance), json: provenance };
}

function againstRevision(revision: string, positionals: readonly string[]): Sides {
  if (positionals.length > 1) throw new UsageError('with --git, give at most one rules directory');
  const rulesPath = positionals[0] ?? 'rules';
  const copy = rulesAtRevision(revision, rulesPath);
  const commit = commitOf(revision, rulesPath);
  return {
    oldLabel: `${rulesPath} at ${revision}`,
    newLabel: rulesPath,
    newPath: rulesPath,
    oldSource: { text: `git commit ${commit.slice(0, 12)} (${revision})`, json: { revision, commit } },
    newSource: onDisk(rulesPath),
    // Rules that did not exist yet at the revision: everything they show now is new.
    loadOld: (io) => (copy.rulesPath === null ? emptyRuleSet() : loadRulesForCommand([copy.rulesPath], io)),
    cleanup: copy.cleanup,
  };
}

function emptyRuleSet(): RuleSet {
  return createRuleSet({ version: '(no rules)', notices: [], regionSets: new Map(), tests: [], files: [] });
}
