/**
 * The exhaustive decision tables: every location row against every language column, one table per
 * group of paths that decide alike (paths where no rule differs share one table).
 */
import { NO_LANGUAGE, type LocationRow, type TableCell } from './decision-table';
import { html, type Html } from './html';
import { OTHER_PATH } from './witness-paths';

/** The cells of one path. */
export interface PathCells {
  path: string;
  cells: readonly TableCell[];
}

export function decisionSection(
  rows: readonly LocationRow[],
  languages: readonly string[],
  byPath: readonly PathCells[],
  decidedAt: Date,
): Html {
  const groups = groupAlike(byPath);
  const tables = groups.map(({ paths, cells }) => {
    const heading =
      groups.length === 1
        ? ''
        : html`<h3>Paths ${paths.map((path, index) => html`${index > 0 ? ', ' : ''}${pathLabel(path)}`)}</h3>`;
    return html`${heading}${decisionTable(rows, languages, cells)}`;
  });
  return html`<section id="decisions">
<h2>Decision table</h2>
<p class="muted">What a visitor gets, by location and preferred language, as of ${decidedAt.toISOString()}${groups.length === 1 ? html`, on every path` : html`, for each group of paths on which the rules decide alike (example paths for each path pattern the rules name)`}.
Every location a rule names is a row; "elsewhere in the country" covers the country's other subdivisions and a visitor whose subdivision is not known.
"other or none" is a visitor whose languages no rule names, or who sends none. <span class="fallback">Orange</span>: the notice falls back to another language.</p>
${tables}
</section>`;
}

function decisionTable(rows: readonly LocationRow[], languages: readonly string[], cells: readonly TableCell[]): Html {
  const cellAt = new Map(cells.map((cell) => [`${cell.location.key}\n${cell.language}`, cell]));
  const header = languages.map((language) => html`<th>${language === NO_LANGUAGE ? 'other or none' : language}</th>`);
  const body = rows.map((row) => {
    const rowClass = row.kind === 'subdivision' ? 'subdivision' : row.kind === 'country' ? 'country' : 'special';
    return html`<tr class="${rowClass}"><th>${row.label}</th>${languages.map((language) => decisionCell(cellAt.get(`${row.key}\n${language}`), language))}</tr>`;
  });
  return html`<table class="decisions">
<thead><tr><th>Location</th>${header}</tr></thead>
<tbody>${body}</tbody>
</table>`;
}

/** Paths whose every cell gets the same notices in the same languages, in the order first met. */
function groupAlike(byPath: readonly PathCells[]): { paths: string[]; cells: readonly TableCell[] }[] {
  const groups = new Map<string, { paths: string[]; cells: readonly TableCell[] }>();
  for (const { path, cells } of byPath) {
    const key = JSON.stringify(cells.map((cell) => cell.notices.map((notice) => [notice.id, notice.language])));
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { paths: [path], cells });
    else group.paths.push(path);
  }
  return [...groups.values()];
}

function pathLabel(path: string): Html {
  return path === OTHER_PATH ? html`any other path` : html`<code>${path}</code>`;
}

function decisionCell(cell: TableCell | undefined, language: string): Html {
  if (cell === undefined || cell.notices.length === 0) return html`<td class="none">—</td>`;
  return html`<td>${cell.notices.map((notice, index) => {
    const fallback = language !== NO_LANGUAGE && notice.language !== language;
    return html`${index > 0 ? html`<br>` : ''}<span class="notice-id">${notice.id}</span> <span class="${fallback ? 'fallback' : 'muted'}">(${notice.language})</span>`;
  })}</td>`;
}
