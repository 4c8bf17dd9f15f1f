/**
 * A static SVG world map, drawn when the report is written: Natural Earth's 1:110m country shapes
 * from `world-atlas` (TopoJSON), turned into GeoJSON by `topojson-client` and projected to SVG
 * paths by `d3-geo`. The report ships the paths inline, so it needs no script and no network.
 */
import { readFileSync } from 'node:fs';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { html, type Html } from './html';
import { alpha2OfNumeric } from '../rules/region-names';

export interface CountryShape {
  /** ISO 3166-1 alpha-2; undefined for shapes ISO gives no code (Kosovo, Northern Cyprus, Somaliland). */
  alpha2: string | undefined;
  name: string;
  /** SVG path data in map coordinates. */
  d: string;
}

/** How one country is painted: a fill (a colour or `url(#pattern)`) and its hover text. */
export interface CountryPaint {
  fill: string;
  title: string;
}

/** Map units across; the height follows from the projection. */
const MAP_WIDTH = 960;
const MARGIN = 4;
/** Antarctica takes a fifth of an equal-area map and no rule is about it. */
const LEFT_OUT = new Set(['010']);

interface ProjectedMap {
  shapes: CountryShape[];
  /** `minX minY width height` of the drawn countries plus a margin. */
  viewBox: string;
}

let projected: ProjectedMap | undefined;

function projectedMap(): ProjectedMap {
  projected ??= projectCountries();
  return projected;
}

/** The projected country shapes, computed once per process. */
export function countryShapes(): readonly CountryShape[] {
  return projectedMap().shapes;
}

/** The alpha-2 codes that have a shape on the map (small countries such as Malta have none at 1:110m). */
export function mappedCountries(): ReadonlySet<string> {
  return new Set(countryShapes().flatMap((shape) => (shape.alpha2 === undefined ? [] : [shape.alpha2])));
}

function projectCountries(): ProjectedMap {
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const collection = feature(topology, topology.objects.countries);
  collection.features = collection.features.filter((country) => !LEFT_OUT.has(String(country.id)));
  const path = geoPath(geoEqualEarth().fitWidth(MAP_WIDTH, collection)).digits(1);
  // Crop to the land actually drawn: without Antarctica the projection's frame is mostly sea at the bottom.
  const [[x0, y0], [x1, y1]] = path.bounds(collection);
  const viewBox = [x0 - MARGIN, y0 - MARGIN, x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN].map((value) => value.toFixed(1)).join(' ');
  const shapes = collection.features.map((country) => ({
    alpha2: country.id === undefined ? undefined : alpha2OfNumeric(String(country.id)),
    name: country.properties?.name ?? 'unnamed',
    d: path(country) ?? '',
  }));
  return { shapes, viewBox };
}

/**
 * The map as an inline `<svg>`: every country painted by `paint`, then `defs()` (the patterns the
 * paint used) placed in `<defs>`. `title` is the accessible name of the whole map.
 */
export function renderWorldMap(paint: (shape: CountryShape) => CountryPaint, defs: () => Html, title: string): Html {
  const { viewBox } = projectedMap();
  const [x, y, width, height] = viewBox.split(' ');
  const paths = countryShapes().map((shape) => {
    const { fill, title: hover } = paint(shape);
    return html`<path d="${shape.d}" fill="${fill}"><title>${hover}</title></path>`;
  });
  return html`<svg class="map" viewBox="${viewBox}" role="img" aria-label="${title}"><defs>${defs()}</defs><rect class="sea" x="${x}" y="${y}" width="${width}" height="${height}" rx="8"/><g class="countries">${paths}</g></svg>`;
}
