import { createRuleSet, type RuleSet } from '../../core/rule-set';
import { diffDecisions, type DecisionChange, type DecisionDiff } from '../../report/decision-diff';
import { NO_LANGUAGE } from '../../report/decision-table';
import { parseCommandArgs } from '../args';
import { rulesAtRevision } from '../git-rules';
import { ExitCode, UsageError, type CliIO } from '../io';
import { loadRulesForCommand } from '../load';
import { parseInstant } from '../visitor';

export const diffHelp = `Usage: geonotice diff [options] OLD NEW
       geonotice diff --git REV [options] [RULES]

Compares two rule sets by what visitors see, not by their YAML: both decide for every region the
rules name (countries and subdivisions), an unknown location and anywhere else, in every language
the rules name and none; each cell lists the notices that appear, disappear or read differently
(language, title, text, html, link, placement or style). Prints markdown for a pull request.

With --git REV, OLD is RULES (default: ./rules) as committed at REV and NEW is RULES as it is now.

Options:
  --git REV     compare with the rules at this git revision (a commit, branch or tag)
  --at DATE     decide as of this ISO 8601 date or date-time (default now)
  --path P      the URL path to decide for (default /)
  --exit-code   exit 1 when the sets differ (like git diff --exit-code); default: exit 0 either way
  --json        print { changes: [{ region, language, added, removed, changed }] }
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
  const path = values.path ?? '/';
  if (!path.startsWith('/')) throw new UsageError(`--path must start with "/": got "${path}"`);

  const sides = values.git === undefined ? twoDirectories(positionals) : againstRevision(values.git, positionals);
  try {
    const before = sides.loadOld(io);
    if (before === null) return ExitCode.failed;
    const after = loadRulesForCommand([sides.newPath], io);
    if (after === null) return ExitCode.failed;

    const diff = diffDecisions(before, after, at, path);
    if (values.json) {
      const summary = { old: { rules: sides.oldLabel, version: before.version }, new: { rules: sides.newLabel, version: after.version } };
      io.stdout(JSON.stringify({ ...summary, at: at.toISOString(), path, changes: diff.changes }, null, 2));
    } else {
      io.stdout(formatMarkdown(diff, { ...sides, oldVersion: before.version, newVersion: after.version, at, path }));
    }
    return values['exit-code'] && diff.changes.length > 0 ? ExitCode.failed : ExitCode.ok;
  } finally {
    sides.cleanup();
  }
}

interface Sides {
  oldLabel: string;
  newLabel: string;
  newPath: string;
  /** The old rule set, or null after reporting why it could not be loaded. */
  loadOld(io: CliIO): RuleSet | null;
  cleanup(): void;
}

function twoDirectories(positionals: readonly string[]): Sides {
  if (positionals.length !== 2) throw new UsageError(`give two rule directories, OLD and NEW (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'})`);
  const [oldPath, newPath] = positionals as [string, string];
  return { oldLabel: oldPath, newLabel: newPath, newPath, loadOld: (io) => loadRulesForCommand([oldPath], io), cleanup: () => undefined };
}

function againstRevision(revision: string, positionals: readonly string[]): Sides {
  if (positionals.length > 1) throw new UsageError('with --git, give at most one rules directory');
  const rulesPath = positionals[0] ?? 'rules';
  const copy = rulesAtRevision(revision, rulesPath);
  return {
    oldLabel: `${rulesPath} at ${revision}`,
    newLabel: rulesPath,
    newPath: rulesPath,
    // Rules that did not exist yet at the revision: everything they show now is new.
    loadOld: (io) => (copy.rulesPath === null ? emptyRuleSet() : loadRulesForCommand([copy.rulesPath], io)),
    cleanup: copy.cleanup,
  };
}

function emptyRuleSet(): RuleSet {
  return createRuleSet({ version: '(no rules)', notices: [], regionSets: new Map(), tests: [], files: [] });
}

interface MarkdownContext {
  oldLabel: string;
  newLabel: string;
  oldVersion: string;
  newVersion: string;
  at: Date;
  path: string;
}

/** A table for a pull-request comment, one row per region, split by language only where languages differ. */
export function formatMarkdown(diff: DecisionDiff, context: MarkdownContext): string {
  const lines = [
    '### geonotice: what visitors will see differently',
    '',
    `Old: \`${context.oldLabel}\` (version \`${context.oldVersion}\`) · New: \`${context.newLabel}\` (version \`${context.newVersion}\`)  `,
    `Decided as of ${context.at.toISOString()} for path \`${context.path}\`, over ${diff.rows.length} locations × ${diff.languages.length} languages.`,
    '',
  ];
  if (diff.changes.length === 0) {
    lines.push('No visible change: every location and language gets the same notices, in the same words.');
    return lines.join('\n');
  }
  lines.push('| Where | Language | Appears | Disappears | Reads differently |', '| --- | --- | --- | --- | --- |');
  for (const row of groupRows(diff)) {
    const { change } = row;
    lines.push(
      `| ${cell(change.regionLabel)} | ${row.anyLanguage ? 'any' : change.language === NO_LANGUAGE ? 'other or none' : cell(change.language)} | ${ids(change.added)} | ${ids(change.removed)} | ${changedIds(change)} |`,
    );
  }
  return lines.join('\n');
}

/** Per region: one row when every language changed alike, else one row per changed language. */
interface MarkdownRow {
  change: DecisionChange;
  /** Every language of the table changed alike: one row stands for all. */
  anyLanguage: boolean;
}

function groupRows(diff: DecisionDiff): MarkdownRow[] {
  const byRegion = new Map<string, DecisionChange[]>();
  for (const change of diff.changes) {
    const list = byRegion.get(change.region);
    if (list === undefined) byRegion.set(change.region, [change]);
    else list.push(change);
  }
  return [...byRegion.values()].flatMap((changes): MarkdownRow[] => {
    const first = changes[0] as DecisionChange;
    const alike = changes.length === diff.languages.length && changes.every((change) => sameChange(change, first));
    return alike ? [{ change: first, anyLanguage: true }] : changes.map((change) => ({ change, anyLanguage: false }));
  });
}

function sameChange(a: DecisionChange, b: DecisionChange): boolean {
  const key = (change: DecisionChange): string => JSON.stringify([change.added, change.removed, change.changed, change.changedFields]);
  return key(a) === key(b);
}

function ids(list: readonly string[]): string {
  return list.map((id) => `\`${id}\``).join(', ');
}

function changedIds(change: DecisionChange): string {
  return change.changed.map((id) => `\`${id}\` (${(change.changedFields[id] ?? []).join(', ')})`).join(', ');
}

/** Table cells may not contain a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
