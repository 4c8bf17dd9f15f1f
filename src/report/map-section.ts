/**
 * The map section: each country coloured by the set of notices a visitor there gets (in any of
 * the table's languages), countries where some subdivisions differ hatched, and beside the map
 * the subdivision targeting, the countries too small to draw, and the unknown-location case.
 */
import { html, type Html } from './html';
import type { LocationRow, TableCell } from './decision-table';
import { regionName } from '../rules/region-names';
import { mappedCountries, renderWorldMap, type CountryPaint, type CountryShape } from './world-map';

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
      const colour = ids.length === 0 ? NO_NOTICE_COLOUR : (PALETTE[[...combinations.values()].filter((c) => c.ids.length > 0).length % PALETTE.length] as string);
      combination = { key, ids, colour };
      combinations.set(key, combination);
    }
    return combination;
  };

  const elsewhere = rows.find((row) => row.kind === 'elsewhere') as LocationRow;
  const unknown = rows.find((row) => row.kind === 'unknown') as LocationRow;
  const countryRows = new Map(rows.filter((row) => row.kind === 'country').map((row) => [row.key, row]));
  const subdivisionsOf = (country: string): LocationRow[] => rows.filter((row) => row.kind === 'subdivision' && row.country === country);
  // Colours follow table order, so a rule set always gets the same colours.
  rows.forEach(combinationOf);

  const patterns = new Map<string, { id: string; base: string; stripe: string }>();
  const paint = (shape: CountryShape): CountryPaint => {
    const row = (shape.alpha2 === undefined ? undefined : countryRows.get(shape.alpha2)) ?? elsewhere;
    const base = combinationOf(row);
    const label = `${shape.name}${shape.alpha2 === undefined ? '' : ` (${shape.alpha2})`}`;
    const differing = row.kind === 'country' ? subdivisionsOf(row.key).filter((sub) => combinationOf(sub).key !== base.key) : [];
    const title = `${label}: ${describe(base.ids)}${differing.map((sub) => `; ${sub.label}: ${describe(combinationOf(sub).ids)}`).join('')}`;
    const first = differing[0];
    if (first === undefined) return { fill: base.colour, title };
    const stripe = combinationOf(first).colour;
    const patternKey = `${base.colour}/${stripe}`;
    let pattern = patterns.get(patternKey);
    if (pattern === undefined) {
      pattern = { id: `partly-${patterns.size + 1}`, base: base.colour, stripe };
      patterns.set(patternKey, pattern);
    }
    return { fill: `url(#${pattern.id})`, title };
  };

  const patternDefs = (): Html =>
    html`${[...patterns.values()].map(
      (pattern) =>
        html`<pattern id="${pattern.id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${pattern.base}"/><rect width="3" height="6" fill="${pattern.stripe}"/></pattern>`,
    )}`;
  // Painting decides which combinations and patterns exist, so the legend is built after the map.
  const map = renderWorldMap(paint, patternDefs, 'World map of the notices that apply in each country');

  const legend = [...combinations.values()].map(
    (combination) => html`<li><span class="swatch" style="background:${combination.colour}"></span>${describe(combination.ids)}</li>`,
  );
  const hatchLegend = patterns.size > 0 ? html`<li><span class="swatch" style="background:repeating-linear-gradient(45deg,#999 0 3px,#fff 3px 6px)"></span>some subdivisions differ (see the list)</li>` : '';

  const targeted = [...countryRows.values()].filter((row) => subdivisionsOf(row.key).length > 0);
  const drawn = mappedCountries();
  const notDrawn = [...countryRows.keys()].filter((code) => !drawn.has(code));

  return html`<section id="map">
<h2>Where notices apply</h2>
<p class="muted">Each country is coloured by the notices a visitor located there gets, in any language (the decision table below gives each language). Countries no rule names get what "anywhere else" gets.</p>
<div class="map-layout">
<div>${map}<ul class="legend">${legend}${hatchLegend}</ul></div>
<aside class="side">
<h3>Subdivision targeting</h3>
${targeted.length === 0 ? html`<p class="muted">No rule names a subdivision.</p>` : targeted.map((country) => html`<p><strong>${regionName(country.key)} (${country.key})</strong></p><ul>${subdivisionsOf(country.key).map((sub) => swatchLine(sub.label, combinationOf(sub)))}${swatchLine('elsewhere in the country', combinationOf(country))}</ul>`)}
<h3>Unknown location</h3>
<ul>${swatchLine('location could not be determined', combinationOf(unknown))}</ul>
${notDrawn.length > 0 ? html`<h3>Too small for this map</h3><ul>${notDrawn.map((code) => swatchLine(`${code} ${regionName(code)}`, combinationOf(countryRows.get(code) as LocationRow)))}</ul>` : ''}
</aside>
</div>
</section>`;
}

function swatchLine(label: string, combination: Combination): Html {
  return html`<li><span class="swatch" style="background:${combination.colour}"></span><span>${label}: ${describe(combination.ids)}</span></li>`;
}

function describe(ids: readonly string[]): string {
  return ids.length === 0 ? 'no notice' : ids.join(', ');
}

/** Per row, the notices shown in at least one language, in display order of first appearance. */
function noticesByRow(rows: readonly LocationRow[], cells: readonly TableCell[]): Map<string, string[]> {
  const byRow = new Map<string, string[]>(rows.map((row) => [row.key, []]));
  for (const cell of cells) {
    const ids = byRow.get(cell.location.key) as string[];
    for (const notice of cell.notices) if (!ids.includes(notice.id)) ids.push(notice.id);
  }
  return byRow;
}
