/**
 * The start-up warnings about geo data: old data, given by every source whose data has a date
 * (geoip-lite's files, an mmdb file), not by a CDN header alone; and rules naming subdivisions
 * that no configured source can give. Each is once per process, so each case runs in its own
 * process, against the built package; `geoWarnings: false` turns both off.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** The codes of the warnings a process emits while creating the middleware with `geo` (a JS expression). */
function warningCodes(geo: string | null, now: string, extra = ''): string[] {
  const script = `
    const g = require(${JSON.stringify(join(ROOT, 'dist'))});
    const codes = [];
    process.on('warning', (warning) => codes.push(warning.code));
    const options = { rules: ${JSON.stringify(join(ROOT, 'rules'))}, now: () => new Date(${JSON.stringify(now)})${geo === null ? '' : `, geo: ${geo}`}${extra} };
    g.geonotice(options);
    g.geonotice(options);
    setImmediate(() => console.log(JSON.stringify(codes)));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as string[];
}

const LONG_AFTER_THE_DATA = '2026-11-26T00:00:00Z';
const SOON_AFTER_THE_DATA = '2023-12-01T00:00:00Z';

it.each([
  ['the default source', null, []],
  ['geoipLiteProvider()', 'g.geoipLiteProvider()', []],
  ['geoipCountryProvider()', 'g.geoipCountryProvider()', ['GEONOTICE_GEO_SUBDIVISIONS']],
  [
    'a chain with geoipCountryProvider() behind a CDN header',
    "[g.cdnHeaderProvider({ header: 'CF-IPCountry' }), g.geoipCountryProvider()]",
    ['GEONOTICE_GEO_SUBDIVISIONS'],
  ],
])('warns about old data with %s, once for two middlewares', (_name, geo, others) => {
  expect(warningCodes(geo, LONG_AFTER_THE_DATA)).toEqual(['GEONOTICE_GEO_DATA_AGE', ...others]);
  expect(warningCodes(geo, SOON_AFTER_THE_DATA)).toEqual(others);
});

it('warns about an mmdb file’s age from its own build date', () => {
  const file = JSON.stringify(require.resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb'));
  expect(warningCodes(`[g.mmdbProvider({ path: ${file} })]`, '2026-07-01T00:00:00Z')).toEqual([
    'GEONOTICE_GEO_SUBDIVISIONS',
  ]);
  expect(warningCodes(`[g.mmdbProvider({ path: ${file} })]`, '2027-06-01T00:00:00Z')).toEqual([
    'GEONOTICE_GEO_DATA_AGE',
    'GEONOTICE_GEO_SUBDIVISIONS',
  ]);
});

it('warns when the rules name subdivisions and the only source is a country header; not with a region header', () => {
  expect(warningCodes("g.cdnHeaderProvider({ header: 'CF-IPCountry' })", LONG_AFTER_THE_DATA)).toEqual([
    'GEONOTICE_GEO_SUBDIVISIONS',
  ]);
  expect(warningCodes("g.cdnHeaderProvider({ header: 'CloudFront-Viewer-Country' })", LONG_AFTER_THE_DATA)).toEqual([]);
  // A site's own function may give subdivisions: nothing is assumed about it.
  expect(
    warningCodes(
      "[g.cdnHeaderProvider({ header: 'CF-IPCountry' }), function fromSession() { return null; }]",
      LONG_AFTER_THE_DATA,
    ),
  ).toEqual([]);
});

it('says nothing with geoWarnings: false', () => {
  expect(warningCodes('g.geoipCountryProvider()', LONG_AFTER_THE_DATA, ', geoWarnings: false')).toEqual([]);
});

it('says nothing about the data’s age when only a CDN header locates visitors', () => {
  expect(warningCodes("g.cdnHeaderProvider({ header: 'CloudFront-Viewer-Country' })", LONG_AFTER_THE_DATA)).toEqual([]);
});
