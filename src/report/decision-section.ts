/** The exhaustive decision table: every location row against every language column. */
import { NO_LANGUAGE, type LocationRow, type TableCell } from './decision-table';
import { html, type Html } from './html';

export function decisionSection(rows: readonly LocationRow[], languages: readonly string[], cells: readonly TableCell[], path: string, decidedAt: Date): Html {
  const cellAt = new Map(cells.map((cell) => [`${cell.location.key}\n${cell.language}`, cell]));
  const header = languages.map((language) => html`<th>${language === NO_LANGUAGE ? 'other or none' : language}</th>`);
  const body = rows.map((row) => {
    const rowClass = row.kind === 'subdivision' ? 'subdivision' : row.kind === 'country' ? 'country' : 'special';
    return html`<tr class="${rowClass}"><th>${row.label}</th>${languages.map((language) => decisionCell(cellAt.get(`${row.key}\n${language}`), language))}</tr>`;
  });
  return html`<section id="decisions">
<h2>Decision table</h2>
<p class="muted">What a visitor gets, by location and preferred language, for path <code>${path}</code> as of ${decidedAt.toISOString()}.
Every location a rule names is a row; "elsewhere in the country" covers the country's other subdivisions and a visitor whose subdivision is not known.
"other or none" is a visitor whose languages no rule names, or who sends none. <span class="fallback">Orange</span>: the notice falls back to another language.</p>
<table>
<thead><tr><th>Location</th>${header}</tr></thead>
<tbody>${body}</tbody>
</table>
</section>`;
}

function decisionCell(cell: TableCell | undefined, language: string): Html {
  if (cell === undefined || cell.notices.length === 0) return html`<td class="none">—</td>`;
  return html`<td>${cell.notices.map((notice, index) => {
    const fallback = language !== NO_LANGUAGE && notice.language !== language;
    return html`${index > 0 ? html`<br>` : ''}<span class="notice-id">${notice.id}</span> <span class="${fallback ? 'fallback' : 'muted'}">(${notice.language})</span>`;
  })}</td>`;
}
