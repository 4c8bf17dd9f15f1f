import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, where, type ChainProblem, type ChainReport } from '../../audit/chain-verifier';
import { LogSummary, type SummaryRow, type TimeRange } from '../../audit/log-summary';
import { regionName } from '../../rules/region-names';
import { parseCommandArgs } from '../args';
import { plural } from '../format';
import { ExitCode, UsageError, type CliIO } from '../io';
import { parseInstant } from '../visitor';

/** Where the key can come from instead of argv, which other users of the machine can read. */
export const AUDIT_KEY_ENV = 'GEONOTICE_AUDIT_KEY';

/** At most this many problems are printed; the count says how many there were. */
const PRINTED_PROBLEMS = 50;

export const auditHelp = `Usage: geonotice audit [options] LOG...

Reads audit logs written by the middleware's "audit" option (JSON lines) and prints what they
say was shown: per notice, region, language, day and rules version, how often the notice reached
a visitor in the page, in the Geonotice header only, or a prefetch, with the first and last time
seen; the gaps where the writer dropped records; and the verification of every chain in the logs.
Preview requests (QA) are left out and counted. Give every file of a rotated log, oldest first.

Exits 1 when a line was altered, removed, reordered or inserted, when a line is not part of any
chain or not JSON, or when a keyed chain cannot be verified (no --key); 0 otherwise.

Options:
  --key K      the HMAC key of keyed chains (default: $${AUDIT_KEY_ENV})
  --from D     count records from this ISO 8601 date or date-time on (inclusive)
  --to D       count records up to this date (the whole day) or date-time (exclusive)
  --json       print { files, verification: { ok, chains, problems }, totals, rows, gaps }
  --csv        print the rows as CSV (problems go to standard error)
  -h, --help   show this help`;

export async function auditCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, {
    key: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
  });
  if (positionals.length === 0)
    throw new UsageError('give the audit log files to read, e.g. geonotice audit logs/decisions.jsonl');
  if (values.json && values.csv) throw new UsageError('give either --json or --csv, not both');
  const key = values.key ?? io.env?.[AUDIT_KEY_ENV] ?? null;
  if (key === '') throw new UsageError('--key is empty');
  const range = timeRange(values.from, values.to);

  const verifier = new ChainVerifier(key);
  const summary = new LogSummary(range);
  for (const file of positionals) {
    await readLog(file, (text, line) => {
      const location = { file, line };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        verifier.problems.push({
          chain: null,
          kind: 'malformed',
          ...location,
          message: text === '' ? 'an empty line' : 'not a JSON object (a line cut short, or edited by hand?)',
        });
        return;
      }
      verifier.add(text, value as Record<string, unknown>, location);
      summary.add(value as Record<string, unknown>, file, line);
    });
  }
  const chains = verifier.finish();
  const problems = verifier.problems;
  const ok = problems.length === 0;
  const rows = summary.summaryRows();

  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          files: positionals,
          verification: { ok, keyGiven: key !== null, chains, problems },
          totals: summary.totals,
          rows,
          gaps: summary.gaps,
        },
        null,
        2,
      ),
    );
  } else if (values.csv) {
    io.stdout(csvRows(rows));
    if (!ok) io.stderr(problemLines(problems).join('\n'));
  } else {
    io.stdout(markdown(positionals, chains, problems, summary, rows, key !== null));
  }
  return ok ? ExitCode.ok : ExitCode.failed;
}

/** Calls `onLine` for every line of the file, with its 1-based number, without holding the file in memory. */
async function readLog(file: string, onLine: (text: string, line: number) => void): Promise<void> {
  const stream = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    onLine(text, line);
  }
}

function timeRange(from: string | undefined, to: string | undefined): TimeRange {
  const fromMs = from === undefined ? null : parseInstant(from).getTime();
  let untilMs: number | null = null;
  if (to !== undefined) {
    untilMs = parseInstant(to).getTime();
    // A date names a whole day: up to the end of it.
    if (/^\d{4}-\d{2}-\d{2}$/.test(to)) untilMs += 24 * 60 * 60 * 1000;
  }
  if (fromMs !== null && untilMs !== null && untilMs <= fromMs) throw new UsageError('--to must come after --from');
  return { fromMs, untilMs };
}

function markdown(
  files: readonly string[],
  chains: readonly ChainReport[],
  problems: readonly ChainProblem[],
  summary: LogSummary,
  rows: readonly SummaryRow[],
  keyGiven: boolean,
): string {
  const { totals } = summary;
  const lines = [`### geonotice audit: ${files.map((file) => `\`${file}\``).join(', ')}`, ''];
  lines.push(
    `${plural(totals.records, 'decision record')}` +
      (totals.first === null ? '' : ` from ${totals.first} to ${totals.last ?? ''}`) +
      `; ${plural(totals.previews, 'preview')} left out; ${plural(totals.prefetches, 'prefetch or prerender', 'prefetches or prerenders')}; ` +
      `${totals.withoutNotice} without a notice shown; ${totals.incomplete} cut short; ${totals.dropped} dropped by the writer.`,
    '',
  );
  lines.push('#### Chain verification', '');
  const lineCount = chains.reduce((sum, chain) => sum + chain.lines, 0);
  if (problems.length === 0) {
    const keyed = chains.length > 0 && chains.every((chain) => chain.keyed === true);
    lines.push(
      `**Verified:** ${plural(chains.length, 'chain')}, ${plural(lineCount, 'line')}, every line in place and unaltered. ` +
        (keyed && keyGiven
          ? 'The chains are keyed (HMAC-SHA256) and checked with the key: rewriting them unnoticed needs the key.'
          : 'The chains are plain SHA-256: this finds accidental and careless edits, but anyone who can write the file could rewrite it and recompute the chain.'),
    );
  } else {
    lines.push(
      `**Not verified:** ${plural(problems.length, 'problem')} in ${plural(chains.length, 'chain')} of ${plural(lineCount, 'line')}:`,
      '',
    );
    lines.push(...problemLines(problems).map((line) => `- ${line}`));
  }
  const open = chains.filter((chain) => !chain.ended);
  if (open.length > 0) {
    lines.push(
      '',
      `${plural(open.length, 'chain')} without an end line (the process is still running, stopped without close(), or its last lines were cut off; ` +
        `a chain's last line is covered by no later hash): ${open.map((chain) => `${chain.chain.slice(0, 8)} ending at ${where(chain.last)}`).join(', ')}.`,
    );
  }
  lines.push('', '#### Notices shown', '');
  if (rows.length === 0) lines.push('No notice was shown in these records.');
  else {
    lines.push(
      '| Day | Notice | Region | Language | Rules version | Shown | Header only | Prefetched | First seen | Last seen |',
    );
    lines.push('| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- | --- |');
    for (const row of rows) {
      lines.push(
        `| ${row.day} | \`${row.notice}\` | ${placeLabel(row.region)} | ${row.language} | \`${row.rulesVersion}\` | ${row.shown} | ${row.headerOnly} | ${row.prefetched} | ${row.firstSeen} | ${row.lastSeen} |`,
      );
    }
  }
  if (summary.gaps.length > 0) {
    lines.push('', '#### Gaps', '');
    for (const gap of summary.gaps) {
      lines.push(
        `- ${plural(gap.count, 'record')} dropped between ${gap.from ?? '?'} and ${gap.until ?? '?'} (${gap.file}:${gap.line}): the disk fell behind.`,
      );
    }
  }
  return lines.join('\n');
}

function problemLines(problems: readonly ChainProblem[]): string[] {
  const lines = problems
    .slice(0, PRINTED_PROBLEMS)
    .map((problem) => `${where(problem)}: ${problem.kind}: ${problem.message}`);
  if (problems.length > PRINTED_PROBLEMS)
    lines.push(`… and ${problems.length - PRINTED_PROBLEMS} more (--json lists them all)`);
  return lines;
}

function placeLabel(code: string): string {
  return code === 'unknown' ? 'unknown location' : `${code} ${regionName(code)}`;
}

const CSV_COLUMNS = [
  'day',
  'notice',
  'region',
  'regionName',
  'language',
  'rulesVersion',
  'shown',
  'headerOnly',
  'prefetched',
  'firstSeen',
  'lastSeen',
] as const;

function csvRows(rows: readonly SummaryRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const values = { ...row, regionName: row.region === 'unknown' ? '' : regionName(row.region) };
    lines.push(CSV_COLUMNS.map((column) => csvField(String(values[column]))).join(','));
  }
  return lines.join('\n');
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
