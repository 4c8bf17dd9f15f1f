/**
 * The map section: each country coloured by the set of notices a visitor there gets (on some path,
 * in some language), the subdivisions the rules name drawn over their countries in their own
 * colours, a detail map of each country whose subdivisions the rules name, and beside them the
 * subdivision targeting in words, the places too small to draw, and the unknown-location case.
 */
import { html, type Html } from './html';
import type { LocationRow, TableCell } from './decision-table';
import { regionName } from '../rules/region-names';
import {
  hasSubdivisionShape,
  mappedCountries,
  renderCountryDetail,
  renderWorldMap,
  type CountryShape,
  type ShapePaint,
} from './world-map';

const NO_NOTICE_COLOUR = '#dfe3e8';
/** Distinct, print-safe colours for notice combinations; reused in order when there are more. */
const PALETTE = ['#c8553d', '#2d7dd2', '#f2a541', '#3a9d7a', '#8e5ea2', '#e07a9f', '#5c6b73', '#97cc04'];

interface Combination {
  key: string;
  ids: string[];
  colour: string;
}

export function mapSection(rows: readonly LocationRow[], cells: readonly TableCell[]): Html {
  const idsByRow = noticesByRow(rows, cells);
  const combinations = new Map<string, Combination>();
  const combinationOf = (row: LocationRow): Combination => {
    const ids = idsByRow.get(row.key) ?? [];
    const key = ids.join(', ');
    let combination = combinations.get(key);
    if (combination === undefined) {
      const colour =
        ids.length === 0
          ? NO_NOTICE_COLOUR
          : (PALETTE[[...combinations.values()].filter((c) => c.ids.length > 0).length % PALETTE.length] as string);
      combination = { key, ids, colour };
      combinations.set(key, combination);
    }
    return combination;
  };

  const elsewhere = rows.find((row) => row.kind === 'elsewhere') as LocationRow;
  const unknown = rows.find((row) => row.kind === 'unknown') as LocationRow;
  const countryRows = new Map(rows.filter((row) => row.kind === 'country').map((row) => [row.key, row]));
  const subdivisionRows = new Map(rows.filter((row) => row.kind === 'subdivision').map((row) => [row.key, row]));
  const subdivisionsOf = (country: string): LocationRow[] =>
    [...subdivisionRows.values()].filter((row) => row.country === country);
  // Colours follow table order, so a rule set always gets the same colours.
  rows.forEach(combinationOf);

  const paintCountry = (shape: CountryShape): ShapePaint => {
    const row = (shape.alpha2 === undefined ? undefined : countryRows.get(shape.alpha2)) ?? elsewhere;
    const label = shape.alpha2 === undefined ? shape.name : `${shape.alpha2} ${regionName(shape.alpha2)}`;
    const where = subdivisionsOf(row.key).length > 0 ? `${label}, elsewhere in the country` : label;
    return { fill: combinationOf(row).colour, title: `${where}: ${describe(combinationOf(row).ids)}` };
  };
  /** A subdivision the rules name in its own colour; any other in its country's. */
  const paintSubdivision = (code: string): ShapePaint => {
    const row = subdivisionRows.get(code) ?? countryRows.get(code.slice(0, 2)) ?? elsewhere;
    return {
      fill: combinationOf(row).colour,
      title: `${code} ${regionName(code)}: ${describe(combinationOf(row).ids)}`,
    };
  };
  const named = [...subdivisionRows.keys()];
  const map = renderWorldMap(
    paintCountry,
    'World map of the notices that apply in each country and named subdivision',
    named,
    paintSubdivision,
  );

  const targeted = [...countryRows.values()].filter((row) => subdivisionsOf(row.key).length > 0);
  const details = targeted.map((country) => {
    const detail = renderCountryDetail(
      country.key,
      paintSubdivision,
      `Map of ${regionName(country.key)} by subdivision`,
    );
    return detail === null
      ? ''
      : html`<figure class="detail-map"><figcaption>${country.key} ${regionName(country.key)}, by subdivision</figcaption>${detail}</figure>`;
  });
  const legend = [...combinations.values()].map(
    (combination) => html`<li>${swatch(combination.colour)}${describe(combination.ids)}</li>`,
  );

  const drawn = mappedCountries();
  const notDrawn = [
    ...[...countryRows.keys()].filter((code) => !drawn.has(code)),
    ...named.filter((code) => !hasSubdivisionShape(code)),
  ];

  return html`<section id="map">
<h2>Where notices apply</h2>
<p class="muted">Each country is coloured by the notices a visitor located there gets, on some page and in some language (the decision tables below give each path and language). The subdivisions the rules name are drawn as shapes of their own, in their own colours. Crimea and Sevastopol are drawn as part of Ukraine, as the UN General Assembly holds (resolution 68/262). Countries no rule names get what "anywhere else" gets.</p>
<div class="map-layout">
<div>${map}<ul class="legend">${legend}</ul>${details}</div>
<aside class="side">
<h3>Subdivision targeting</h3>
${targeted.length === 0 ? html`<p class="muted">No rule names a subdivision.</p>` : targeted.map((country) => html`<p><strong>${country.key} ${regionName(country.key)}</strong></p><ul>${subdivisionsOf(country.key).map((sub) => swatchLine(sub.label, combinationOf(sub)))}${swatchLine('elsewhere in the country', combinationOf(country))}</ul>`)}
<h3>Unknown location</h3>
<ul>${swatchLine('location could not be determined', combinationOf(unknown))}</ul>
${notDrawn.length > 0 ? html`<h3>Too small for this map</h3><ul>${notDrawn.map((code) => swatchLine(`${code} ${regionName(code)}`, combinationOf((countryRows.get(code) ?? subdivisionRows.get(code)) as LocationRow)))}</ul>` : ''}
</aside>
</div>
</section>`;
}

function swatchLine(label: string, combination: Combination): Html {
  return html`<li>${swatch(combination.colour)}<span>${label}: ${describe(combination.ids)}</span></li>`;
}

/** A colour key drawn, not a background: printers that leave backgrounds out still print it. */
function swatch(colour: string): Html {
  return html`<svg class="swatch" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" rx="3" fill="${colour}" stroke="rgba(0,0,0,.2)"/></svg>`;
}

function describe(ids: readonly string[]): string {
  return ids.length === 0 ? 'no notice' : ids.join(', ');
}

/** Per row, the notices shown in at least one cell (path and language), in display order of first appearance. */
function noticesByRow(rows: readonly LocationRow[], cells: readonly TableCell[]): Map<string, string[]> {
  const byRow = new Map<string, string[]>(rows.map((row) => [row.key, []]));
  for (const cell of cells) {
    const ids = byRow.get(cell.location.key) as string[];
    for (const notice of cell.notices) if (!ids.includes(notice.id)) ids.push(notice.id);
  }
  return byRow;
}
