import { copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { geoDataInfo } from '../../src/geo/geoip-lite';
import { readGeoDataInfo } from '../../src/geo/geoip-lite-data';

const installed = dirname(require.resolve('geoip-lite/package.json'));
const SHIPPED_SIZES: Record<string, number> = {
  'geoip-city-names.dat': 10194448,
  'geoip-city.dat': 76408728,
  'geoip-city6.dat': 59491680,
  'geoip-country.dat': 4523440,
  'geoip-country6.dat': 9881556,
};

describe('geoDataInfo on the installed package', () => {
  it('recognises the data geoip-lite 1.4.10 shipped (package.json pins that version)', () => {
    expect(geoDataInfo()).toEqual({
      provider: 'geoip-lite',
      packageVersion: '1.4.10',
      builtAt: '2023-11-15',
      refreshed: false,
    });
  });
});

describe('readGeoDataInfo on data in other states', () => {
  let root: string;
  let packageDir: string;
  let dataDir: string;

  /** A copy of the installed package's manifest and checksums, with sparse data files of the given sizes. */
  function fakePackage(version: string, sizes: Record<string, number>): void {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: 'geoip-lite', version }));
    for (const type of ['city', 'country']) {
      copyFileSync(join(installed, 'data', `${type}.checksum`), join(dataDir, `${type}.checksum`));
    }
    for (const [file, size] of Object.entries(sizes)) {
      writeFileSync(join(dataDir, file), '');
      truncateSync(join(dataDir, file), size);
    }
  }

  function setModified(file: string, isoDate: string): void {
    const time = new Date(isoDate);
    utimesSync(join(dataDir, file), time, time);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'geonotice-geodata-'));
    packageDir = join(root, 'geoip-lite');
    dataDir = join(packageDir, 'data');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives the shipped build date for untouched data', () => {
    fakePackage('1.4.10', SHIPPED_SIZES);
    expect(readGeoDataInfo(packageDir, dataDir)).toMatchObject({ builtAt: '2023-11-15', refreshed: false });
  });

  it('after updatedb, gives the date of the older MaxMind archive it recorded', () => {
    fakePackage('1.4.10', { ...SHIPPED_SIZES, 'geoip-city.dat': 80000016 });
    writeFileSync(join(dataDir, 'city.checksum'), `${'a'.repeat(64)}  GeoLite2-City-CSV_20260310.zip`);
    writeFileSync(join(dataDir, 'country.checksum'), `${'b'.repeat(64)}  GeoLite2-Country-CSV_20260306.zip`);
    expect(readGeoDataInfo(packageDir, dataDir)).toMatchObject({ builtAt: '2026-03-06', refreshed: true });
  });

  it('after a forced update (checksum files untouched, data rewritten), falls back to the oldest file date', () => {
    fakePackage('1.4.10', { ...SHIPPED_SIZES, 'geoip-city.dat': 80000016 });
    for (const file of Object.keys(SHIPPED_SIZES)) setModified(file, '2026-04-02T12:00:00Z');
    setModified('geoip-city6.dat', '2026-04-01T23:59:00Z');
    expect(readGeoDataInfo(packageDir, dataDir)).toMatchObject({ builtAt: '2026-04-01', refreshed: true });
  });

  it('for a geoip-lite version it has no record of, trusts the archive date but not the version', () => {
    fakePackage('2.0.3', SHIPPED_SIZES);
    expect(readGeoDataInfo(packageDir, dataDir)).toEqual({
      provider: 'geoip-lite',
      packageVersion: '2.0.3',
      builtAt: '2023-11-15',
      refreshed: true,
    });
  });

  it('says so when there is no data at all', () => {
    fakePackage('1.4.10', {});
    expect(() => readGeoDataInfo(packageDir, dataDir)).toThrow(/no data files/);
  });
});
