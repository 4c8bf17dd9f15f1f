/**
 * `geonotice diff` as Markdown for a pull request: the verdict first, then who sees which notices
 * differently (cells that changed alike merged into one row), then each wording edit once with the
 * old and new text side by side, the settings, the region sets and the tests.
 */
import { formatInstant } from '../core/active-window';
import type { RuleSet } from '../core/rule-set';
import type { Notice } from '../core/types';
import { noticeSettings, type ContentDiff, type WordingChange } from '../report/content-diff';
import type { DecisionChange, DecisionDiff } from '../report/decision-diff';
import { NO_LANGUAGE } from '../report/decision-table';
import type { RuleSetDiff } from '../report/rule-set-diff';
import { OTHER_PATH } from '../report/witness-paths';
import { plural } from './format';
import { markWordChanges } from './word-diff';

export interface MarkdownContext {
  oldLabel: string;
  newLabel: string;
  oldVersion: string;
  newVersion: string;
  /** Lines naming where each side's rules come from (git commit, working tree), if known. */
  provenance: string[];
}

export function formatDiffMarkdown(
  diff: RuleSetDiff,
  before: RuleSet,
  after: RuleSet,
  context: MarkdownContext,
): string {
  const { decisions, content } = diff;
  const lines = [
    '### geonotice: what visitors will see differently',
    '',
    `Old: \`${context.oldLabel}\` (version \`${context.oldVersion}\`) · New: \`${context.newLabel}\` (version \`${context.newVersion}\`)  `,
    ...context.provenance.map((line) => `${line}  `),
    scopeLine(decisions),
    '',
  ];
  if (diff.verdict === 'identical') {
    lines.push('No change: both sides are the same rule files, byte for byte.');
    return lines.join('\n');
  }
  if (diff.verdict === 'bytes-only') {
    lines.push(
      'No change in what the rules say: the files differ in bytes alone (comments, formatting, order or file layout), ' +
        'which is why the version changes. Every visitor gets the same notices in the same words.',
    );
    return lines.join('\n');
  }
  lines.push(summaryLine(diff), '');
  lines.push(...visitorSection(decisions));
  lines.push(...wordingSection(content.wording));
  lines.push(...settingsSection(content, before, after));
  lines.push(...regionSetSection(content));
  lines.push(...networkSection(content));
  lines.push(...testsSection(content));
  if (content.otherwise)
    lines.push('', 'The rules also differ in a way none of the sections above shows; compare the files.');
  return lines.join('\n').trimEnd();
}

function scopeLine(decisions: DecisionDiff): string {
  const [first, ...later] = decisions.moments;
  const when =
    later.length === 0
      ? `as of ${first ?? '?'}`
      : `as of ${first ?? '?'} and at each later moment an activation window opens or closes (${later.map((moment) => formatInstant(new Date(moment))).join(', ')})`;
  return (
    `Decided ${when}, for ${decisions.rows.length} locations × ${decisions.languages.length} languages × ` +
    `${decisions.paths.length} ${decisions.paths.length === 1 ? `path (\`${decisions.paths[0] ?? '/'}\`)` : 'paths'}` +
    (decisions.networks.length > 1 ? ` × ${decisions.networks.length} network positions.` : '.')
  );
}

function summaryLine({ decisions, content }: RuleSetDiff): string {
  const parts: string[] = [];
  const cases =
    decisions.rows.length *
    decisions.languages.length *
    decisions.paths.length *
    decisions.networks.length *
    decisions.moments.length;
  if (decisions.changes.length > 0)
    parts.push(
      `${decisions.changes.length} of ${cases} visitor cases (location × language × path × network × moment) see something else`,
    );
  if (content.notices.added.length > 0) parts.push(`${plural(content.notices.added.length, 'notice')} added`);
  if (content.notices.removed.length > 0) parts.push(`${plural(content.notices.removed.length, 'notice')} removed`);
  const edits = groupWording(content.wording).length;
  if (edits > 0) parts.push(plural(edits, 'message') + ' reworded');
  const settings = content.settings.filter((change) => change.old !== null && change.new !== null).length;
  if (settings > 0) parts.push(`${plural(settings, 'setting')} changed`);
  if (content.regionSets.length > 0) parts.push(`${plural(content.regionSets.length, 'region set')} changed`);
  if (content.networks.length > 0) parts.push(`${plural(content.networks.length, 'network')} changed`);
  if (content.networkTable !== null) parts.push('the network table changed');
  const tests = content.tests.added.length + content.tests.removed.length + content.tests.changed.length;
  if (tests > 0) parts.push(`${plural(tests, 'test case')} changed`);
  return `**The rules differ:** ${parts.join('; ')}.`;
}

// --- Who sees which notices -----------------------------------------------------------------

/** One table row: a change that holds for every combination of these locations, languages, paths and moments. */
interface VisitorRow {
  regions: string[];
  languages: string[];
  paths: string[];
  networks: string[];
  moments: string[];
  change: DecisionChange;
}

function visitorSection(decisions: DecisionDiff): string[] {
  const visible = decisions.changes.filter((change) => payloadKey(change) !== '');
  if (visible.length === 0) return [];
  const showPaths = decisions.paths.length > 1;
  const showMoments = decisions.moments.length > 1;
  const showNetworks = decisions.networks.length > 1;
  const header = [
    'Where',
    'Language',
    ...(showPaths ? ['Path'] : []),
    ...(showNetworks ? ['Network'] : []),
    ...(showMoments ? ['When'] : []),
    'Appears',
    'Disappears',
    'Shown in another language',
  ];
  const networkLabels = new Map(decisions.networks.map((network) => [network.key, network.label]));
  const lines = [
    '#### Who sees which notices',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
  ];
  const labels = new Map(decisions.rows.map((row) => [row.key, row.label]));
  for (const row of mergeRows(visible)) {
    const cells = [
      row.regions.length === decisions.rows.length
        ? 'everywhere'
        : row.regions.map((key) => labels.get(key) ?? key).join(', '),
      row.languages.length === decisions.languages.length ? 'any' : row.languages.map(languageLabel).join(', '),
      ...(showPaths ? [row.paths.length === decisions.paths.length ? 'any' : row.paths.map(pathLabel).join(', ')] : []),
      ...(showNetworks
        ? [
            row.networks.length === decisions.networks.length
              ? 'any'
              : [...new Set(row.networks.map((key) => networkLabels.get(key) ?? key))].join(', '),
          ]
        : []),
      ...(showMoments ? [momentsLabel(row.moments, decisions.moments)] : []),
      ids(row.change.added),
      ids(row.change.removed),
      Object.entries(row.change.languageChanges)
        .map(([id, { old, new: now }]) => `\`${id}\` in ${now}, was ${old}`)
        .join(', '),
    ];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

/** What a row shows: notices that appear or disappear, and a change of language. Wording and settings have sections of their own. */
function payloadKey(change: DecisionChange): string {
  if (change.added.length + change.removed.length + Object.keys(change.languageChanges).length === 0) return '';
  return JSON.stringify([change.added, change.removed, change.languageChanges]);
}

const DIMENSIONS = ['regions', 'languages', 'paths', 'networks', 'moments'] as const;

/**
 * Merges cells with the same change into rows, one dimension at a time (languages, networks,
 * paths, moments, then locations): every row stands for exactly the product of its lists.
 */
function mergeRows(changes: readonly DecisionChange[]): VisitorRow[] {
  let rows: VisitorRow[] = changes.map((change) => ({
    regions: [change.region],
    languages: [change.language],
    paths: [change.path],
    networks: [change.network],
    moments: [change.at],
    change,
  }));
  const mergeAlong = (dimension: (typeof DIMENSIONS)[number]): void => {
    const merged = new Map<string, VisitorRow>();
    for (const row of rows) {
      const fixed = DIMENSIONS.map((other) => (other === dimension ? [] : row[other]));
      const key = JSON.stringify([payloadKey(row.change), fixed]);
      const existing = merged.get(key);
      if (existing === undefined) merged.set(key, { ...row, [dimension]: [...row[dimension]] });
      else existing[dimension].push(...row[dimension]);
    }
    rows = [...merged.values()];
  };
  mergeAlong('languages');
  mergeAlong('networks');
  mergeAlong('paths');
  mergeAlong('moments');
  mergeAlong('regions');
  return rows;
}

function languageLabel(language: string): string {
  return language === NO_LANGUAGE ? 'other or none' : language;
}

function pathLabel(path: string): string {
  return path === OTHER_PATH ? 'other paths' : `\`${path}\``;
}

/** The moments of a row as spans of the whole list: `from 2027-01-01`, `until 2027-01-01`, `2026-06-01 until 2027-01-01`. */
function momentsLabel(moments: readonly string[], all: readonly string[]): string {
  const indices = moments.map((moment) => all.indexOf(moment)).sort((a, b) => a - b);
  if (indices.length === all.length) return 'always';
  const date = (index: number): string => formatInstant(new Date(all[index] as string));
  const spans: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === (indices[j] as number) + 1) j++;
    const start = indices[i] as number;
    const end = (indices[j] as number) + 1;
    const from = start === 0 ? '' : date(start);
    if (end >= all.length) spans.push(from === '' ? 'always' : `from ${from}`);
    else spans.push(from === '' ? `until ${date(end)}` : `${from} until ${date(end)}`);
    i = j + 1;
  }
  return spans.join(', ');
}

// --- Wording ------------------------------------------------------------------------------

/** A notice's changed message in one language: every changed field. */
function groupWording(wording: readonly WordingChange[]): WordingChange[][] {
  const groups = new Map<string, WordingChange[]>();
  for (const change of wording) {
    const key = `${change.notice}\n${change.language}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()];
}

function wordingSection(wording: readonly WordingChange[]): string[] {
  if (wording.length === 0) return [];
  const lines = ['#### Wording', ''];
  for (const group of groupWording(wording)) {
    const first = group[0] as WordingChange;
    const status = group.every((change) => change.old === null)
      ? ' (new)'
      : group.every((change) => change.new === null)
        ? ' (removed)'
        : '';
    lines.push(`\`${first.notice}\` in \`${first.language}\`${status}:`, '', '| | Old | New |', '| --- | --- | --- |');
    for (const change of group) {
      const [old, now] = markWordChanges(change.old, change.new);
      lines.push(`| ${change.field} | ${old} | ${now} |`);
    }
    lines.push('');
  }
  return lines;
}

// --- Settings, region sets, tests --------------------------------------------------------

function settingsSection(content: ContentDiff, before: RuleSet, after: RuleSet): string[] {
  const { added, removed } = content.notices;
  const changed = content.settings.filter((change) => change.old !== null && change.new !== null);
  if (added.length + removed.length + changed.length === 0) return [];
  const lines = ['#### Notices and their settings', ''];
  for (const id of added) lines.push(`- Added ${noticeSummary(after.byId.get(id))}`);
  for (const id of removed) lines.push(`- Removed ${noticeSummary(before.byId.get(id))}`);
  if (added.length + removed.length > 0) lines.push('');
  if (changed.length > 0) {
    lines.push('| Notice | Setting | Old | New |', '| --- | --- | --- | --- |');
    for (const change of changed)
      lines.push(
        `| \`${change.notice}\` | ${change.setting} | ${cell(change.old ?? '—')} | ${cell(change.new ?? '—')} |`,
      );
    lines.push('');
  }
  return lines;
}

/** A whole notice on one line: where it is written and every setting. */
function noticeSummary(notice: Notice | undefined): string {
  if (notice === undefined) return '';
  const settings = noticeSettings(notice).map(([name, value]) => `${name}: ${value}`);
  return `\`${notice.id}\` (${notice.source.file}:${notice.source.line}): ${cell(settings.join('; '))}`;
}

function regionSetSection(content: ContentDiff): string[] {
  if (content.regionSets.length === 0) return [];
  const lines = ['#### Region sets', '', '| Set | Change | Codes added | Codes removed |', '| --- | --- | --- | --- |'];
  for (const set of content.regionSets)
    lines.push(`| \`${set.name}\` | ${set.status} | ${set.added.join(', ')} | ${set.removed.join(', ')} |`);
  lines.push('');
  return lines;
}

function networkSection(content: ContentDiff): string[] {
  if (content.networks.length === 0 && content.networkTable === null) return [];
  const lines = ['#### Networks', ''];
  if (content.networkTable !== null)
    lines.push(`Network table: ${content.networkTable.old ?? '—'} → ${content.networkTable.new ?? '—'}.`, '');
  if (content.networks.length > 0) {
    lines.push(
      '| Network | Change | Entries added | Entries removed | Prefixes changed |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const network of content.networks) {
      const prefixes = network.reprefixed.map(
        (change) =>
          `${change.entry}: ${[...change.added.map((p) => `+${p}`), ...change.removed.map((p) => `−${p}`)].join(' ')}`,
      );
      lines.push(
        `| \`${network.name}\` | ${network.status} | ${network.added.join(', ')} | ${network.removed.join(', ')} | ${cell(prefixes.join('; '))} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function testsSection(content: ContentDiff): string[] {
  const { added, removed, changed } = content.tests;
  if (added.length + removed.length + changed.length === 0) return [];
  const list = (names: readonly string[]): string => names.map((name) => `"${cell(name)}"`).join(', ');
  const lines = ['#### Tests', ''];
  if (added.length > 0) lines.push(`Added: ${list(added)}.  `);
  if (removed.length > 0) lines.push(`Removed: ${list(removed)}.  `);
  if (changed.length > 0) lines.push(`Changed: ${list(changed)}.  `);
  lines.push('');
  return lines;
}

function ids(list: readonly string[]): string {
  return list.map((id) => `\`${id}\``).join(', ');
}

/** Table cells may not contain a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
