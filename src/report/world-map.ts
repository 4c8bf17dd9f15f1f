/**
 * Static SVG maps, drawn when the report is written: the world's countries, with the subdivisions
 * the rules name drawn over them as shapes of their own, and a detail map per country whose
 * subdivisions the rules name. Shapes come from map-data.ts and are projected to SVG paths by
 * `d3-geo`; the report ships the paths inline, so it needs no script and no network. Every shape
 * carries `data-region` with its ISO code.
 */
import { geoEqualEarth, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { html, type Html } from './html';
import { countryFeatures, subdivisionShape, subdivisionsOf, type Shape } from './map-data';

export interface CountryShape {
  /** ISO 3166-1 alpha-2; undefined for shapes ISO gives no code (Northern Cyprus, Somaliland). */
  alpha2: string | undefined;
  name: string;
  /** SVG path data in map coordinates. */
  d: string;
}

/** How one shape is painted: a fill and its hover text. */
export interface ShapePaint {
  fill: string;
  title: string;
}
/** Map units across; the height follows from the projection. */
const MAP_WIDTH = 960;
const DETAIL_WIDTH = 640;
const MARGIN = 4;

interface ProjectedWorld {
  shapes: CountryShape[];
  projection: GeoProjection;
  /** `minX minY width height` of the drawn countries plus a margin. */
  viewBox: string;
}

let projected: ProjectedWorld | undefined;

function projectedWorld(): ProjectedWorld {
  if (projected === undefined) {
    const features = countryFeatures();
    const collection = { type: 'FeatureCollection' as const, features: features.map((country) => country.shape) };
    const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
    const path = geoPath(projection).digits(1);
    // Crop to the land actually drawn: without Antarctica the projection's frame is mostly sea at the bottom.
    const shapes = features.map((country) => ({
      alpha2: country.alpha2,
      name: country.name,
      d: path(country.shape) ?? '',
    }));
    projected = { shapes, projection, viewBox: viewBoxOf(path.bounds(collection)) };
  }
  return projected;
}

function viewBoxOf([[x0, y0], [x1, y1]]: [[number, number], [number, number]]): string {
  return [x0 - MARGIN, y0 - MARGIN, x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN]
    .map((value) => value.toFixed(1))
    .join(' ');
}

/** The projected country shapes, computed once per process. */
export function countryShapes(): readonly CountryShape[] {
  return projectedWorld().shapes;
}

/** The alpha-2 codes that have a shape on the map (small countries such as Malta have none at 1:110m). */
export function mappedCountries(): ReadonlySet<string> {
  return new Set(countryShapes().flatMap((shape) => (shape.alpha2 === undefined ? [] : [shape.alpha2])));
}

/** Whether the map data has a shape for this subdivision. */
export function hasSubdivisionShape(code: string): boolean {
  return subdivisionShape(code) !== undefined;
}

/**
 * The world map as an inline `<svg>`: every country painted by `paint`, then each of `subdivisions`
 * drawn over its country, painted by `paintSubdivision`. `title` is the accessible name of the map.
 */
export function renderWorldMap(
  paint: (shape: CountryShape) => ShapePaint,
  title: string,
  subdivisions: readonly string[] = [],
  paintSubdivision: (code: string) => ShapePaint = () => ({ fill: 'none', title: '' }),
): Html {
  const { viewBox, projection } = projectedWorld();
  const [x, y, width, height] = viewBox.split(' ');
  const countries = countryShapes().map((shape) => shapePath(shape.d, shape.alpha2, paint(shape)));
  const path = geoPath(projection).digits(1);
  const overlays = subdivisions.flatMap((code) => {
    const shape = subdivisionShape(code);
    return shape === undefined ? [] : [shapePath(path(shape) ?? '', code, paintSubdivision(code))];
  });
  return html`<svg class="map" viewBox="${viewBox}" role="img" aria-label="${title}"><rect class="sea" x="${x}" y="${y}" width="${width}" height="${height}" rx="8"/><g class="countries">${countries}</g><g class="subdivisions">${overlays}</g></svg>`;
}

/**
 * A map of one country's subdivisions, every one the map data has, each painted by `paint`;
 * null when the data has none for the country.
 */
export function renderCountryDetail(country: string, paint: (code: string) => ShapePaint, title: string): Html | null {
  const parts = subdivisionsOf(country);
  if (parts.length === 0) return null;
  const collection = { type: 'FeatureCollection' as const, features: parts.map(([, shape]) => shape) };
  // A conformal projection keeps a country's outline as people know it from atlases.
  const projection = geoMercator().fitWidth(DETAIL_WIDTH, collection);
  const path = geoPath(projection).digits(1);
  const paths = parts.map(([code, shape]: [string, Shape]) => shapePath(path(shape) ?? '', code, paint(code)));
  return html`<svg class="map detail" viewBox="${viewBoxOf(path.bounds(collection))}" role="img" aria-label="${title}" data-country="${country}">${paths}</svg>`;
}

function shapePath(d: string, code: string | undefined, { fill, title }: ShapePaint): Html {
  return html`<path d="${d}" fill="${fill}"${code === undefined ? '' : html` data-region="${code}"`}><title>${title}</title></path>`;
}
