/**
 * The start-up warning about old geo data: given by every source that reads geoip-lite's data
 * files (the default, geoipLiteProvider, geoipCountryProvider), not by a CDN header alone. The
 * warning is once per process, so each case runs in its own process, against the built package.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The codes of the warnings a process emits while creating the middleware with `geo` (a JS expression). */
function warningCodes(geo: string | null, now: string): string[] {
  const script = `
    const g = require(${JSON.stringify(join(ROOT, 'dist'))});
    const codes = [];
    process.on('warning', (warning) => codes.push(warning.code));
    g.geonotice({ rules: ${JSON.stringify(join(ROOT, 'rules'))}, now: () => new Date(${JSON.stringify(now)})${geo === null ? '' : `, geo: ${geo}`} });
    setImmediate(() => console.log(JSON.stringify(codes)));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as string[];
}

const LONG_AFTER_THE_DATA = '2026-11-26T00:00:00Z';
const SOON_AFTER_THE_DATA = '2023-12-01T00:00:00Z';

it.each([
  ['the default source', null],
  ['geoipLiteProvider()', 'g.geoipLiteProvider()'],
  ['geoipCountryProvider()', 'g.geoipCountryProvider()'],
  ['a chain with geoipCountryProvider() behind a CDN header', "[g.cdnHeaderProvider({ header: 'CF-IPCountry' }), g.geoipCountryProvider()]"],
])('warns about old data with %s', (_name, geo) => {
  expect(warningCodes(geo, LONG_AFTER_THE_DATA)).toEqual(['GEONOTICE_GEO_DATA_AGE']);
  expect(warningCodes(geo, SOON_AFTER_THE_DATA)).toEqual([]);
});

it('says nothing about geo data when only a CDN header locates visitors', () => {
  expect(warningCodes("g.cdnHeaderProvider({ header: 'CF-IPCountry' })", LONG_AFTER_THE_DATA)).toEqual([]);
});
