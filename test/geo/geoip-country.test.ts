/**
 * The country-only provider: lookups in the country files geoip-lite ships, the client address it
 * reads, its options, and how and when it reads the data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupCountry } from '../../src/geo/geoip-country';
import golden from './golden-ips.json';

type CountryModule = typeof import('../../src/geo/geoip-country');

describe('lookupCountry on the installed data', () => {
  it.each(golden.entries)('places $ip ($label) in $country, with no region', ({ ip, country }) => {
    expect(lookupCountry(ip)).toEqual({ country });
  });
});

describe('reading the country files', () => {
  let dataDir: string;
  const savedDataDir = process.env['GEODATADIR'];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'geonotice-country-'));
  });

  afterEach(() => {
    if (savedDataDir === undefined) delete process.env['GEODATADIR'];
    else process.env['GEODATADIR'] = savedDataDir;
    rmSync(dataDir, { recursive: true, force: true });
    jest.dontMock('geoip-lite');
  });

  /**
   * A fresh copy of the module (its data not yet read) with geoip-lite's data directory set, as a
   * site would, through GEODATADIR; an absolute path replaces geoip-lite's own directory.
   */
  function freshModule(): CountryModule {
    process.env['GEODATADIR'] = dataDir;
    let fresh: CountryModule | undefined;
    jest.isolateModules(() => {
      fresh = require('../../src/geo/geoip-country') as CountryModule;
    });
    if (fresh === undefined) throw new Error('the module did not load');
    return fresh;
  }

  function ipv4Record(first: string, last: string, country: string): Buffer {
    const record = Buffer.alloc(10);
    record.writeUInt32BE(ipv4Number(first), 0);
    record.writeUInt32BE(ipv4Number(last), 4);
    record.write(country, 8, 'latin1');
    return record;
  }

  function ipv4Number(address: string): number {
    return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  }

  /** Addresses written in full (eight groups), so the test needs no IPv6 parser of its own. */
  function ipv6Record(first: string, last: string, country: string): Buffer {
    const record = Buffer.alloc(34);
    Buffer.from(first.replace(/:/g, ''), 'hex').copy(record, 0);
    Buffer.from(last.replace(/:/g, ''), 'hex').copy(record, 16);
    record.write(country, 32, 'latin1');
    return record;
  }

  /** Small country files with gaps, edges and the faults the real data has. */
  function writeSmallData(): void {
    writeFileSync(
      join(dataDir, 'geoip-country.dat'),
      Buffer.concat([
        ipv4Record('1.0.0.0', '1.0.0.255', 'AU'),
        ipv4Record('1.0.2.0', '1.0.3.255', 'CN'),
        ipv4Record('2.0.0.0', '2.0.0.0', 'FR'),
        ipv4Record('5.0.0.0', '5.0.0.255', 'EU'),
      ]),
    );
    writeFileSync(
      join(dataDir, 'geoip-country6.dat'),
      Buffer.concat([
        ipv6Record('2001:0200:0000:0000:0000:0000:0000:0000', '2001:0200:ffff:ffff:ffff:ffff:ffff:ffff', 'JP'),
        // A range whose last address was written too high, so that it covers the next records.
        ipv6Record('2407:1600:0000:0000:0000:0000:0000:0000', '2407:1600:0000:ffff:ffff:ffff:ffff:ffff', 'SG'),
        ipv6Record('2407:1600:0000:0001:0000:0000:0000:0000', '2407:1600:0000:0001:ffff:ffff:ffff:ffff', 'SE'),
        // Narrower than a /64, so the low half of the address decides.
        ipv6Record('2a03:0000:0000:0000:0000:0000:0000:0010', '2a03:0000:0000:0000:0000:0000:0000:001f', 'DE'),
      ]),
    );
  }

  it('finds the record that holds an address, up to both edges of its range', () => {
    writeSmallData();
    const { lookupCountry: lookup } = freshModule();
    const answers = Object.fromEntries(
      [
        '1.0.0.0',
        '1.0.0.255',
        '1.0.1.0',
        '1.0.2.0',
        '1.0.3.255',
        '1.0.4.0',
        '1.255.255.255',
        '2.0.0.0',
        '2.0.0.1',
        '9.9.9.9',
        '2001:200::',
        '2001:200:ffff:ffff:ffff:ffff:ffff:ffff',
        '2001:201::',
        '2001:1ff:ffff::',
        '2407:1600::5',
        '2407:1600:0:1::5',
        '2407:1600:0:2::5',
        '2a03::f',
        '2a03::10',
        '2a03::1f',
        '2a03::20',
        '2a03:0:0:1::10',
      ].map((ip) => [ip, lookup(ip)?.country ?? null]),
    );
    expect(answers).toEqual({
      '1.0.0.0': 'AU',
      '1.0.0.255': 'AU',
      '1.0.1.0': null,
      '1.0.2.0': 'CN',
      '1.0.3.255': 'CN',
      '1.0.4.0': null,
      '1.255.255.255': null,
      '2.0.0.0': 'FR',
      '2.0.0.1': null,
      '9.9.9.9': null,
      '2001:200::': 'JP',
      '2001:200:ffff:ffff:ffff:ffff:ffff:ffff': 'JP',
      '2001:201::': null,
      '2001:1ff:ffff::': null,
      '2407:1600::5': 'SG',
      '2407:1600:0:1::5': 'SE',
      // Only the faulty range's last address reaches this one: the record after it ends first.
      '2407:1600:0:2::5': null,
      '2a03::f': null,
      '2a03::10': 'DE',
      '2a03::1f': 'DE',
      '2a03::20': null,
      '2a03:0:0:1::10': null,
    });
  });

  it('gives no location for a record whose code names no country', () => {
    writeSmallData();
    expect(freshModule().lookupCountry('5.0.0.1')).toBeNull();
  });

  it('reads the files on the first lookup, not when the provider is created', () => {
    const { geoipCountryProvider: create } = freshModule();
    const provider = create();
    expect(() => provider({ ip: '5.183.68.7' })).toThrow(
      `geoipCountryProvider: cannot read geoip-lite's country data ${join(dataDir, 'geoip-country.dat')} (ENOENT)`,
    );
  });

  it('reads them when the provider is created with { preload: true }', () => {
    const { geoipCountryProvider: create } = freshModule();
    expect(() => create({ preload: true })).toThrow(
      /cannot read geoip-lite's country data .*geoip-country\.dat \(ENOENT\)/,
    );
  });

  it('does not read them for an address that cannot have a location', () => {
    const { lookupCountry: lookup } = freshModule();
    expect(lookup('10.0.0.1')).toBeNull();
    expect(lookup('junk')).toBeNull();
  });

  it('reads them once per process, for every provider', () => {
    writeSmallData();
    const { geoipCountryProvider: create } = freshModule();
    const first = create({ preload: true });
    rmSync(join(dataDir, 'geoip-country.dat'));
    rmSync(join(dataDir, 'geoip-country6.dat'));
    expect(create({ preload: true })({ ip: '1.0.2.7' })).toEqual({ country: 'CN' });
    expect(first({ ip: '2001:200::1' })).toEqual({ country: 'JP' });
  });

  it.each([
    ['geoip-country.dat', 15, 10],
    ['geoip-country.dat', 0, 10],
    ['geoip-country6.dat', 33, 34],
  ])('refuses a %s of %d bytes, which is no whole number of %d-byte records', (file, size, recordSize) => {
    writeSmallData();
    writeFileSync(join(dataDir, file), Buffer.alloc(size));
    const { geoipCountryProvider: create } = freshModule();
    expect(() => create({ preload: true })).toThrow(
      `geoipCountryProvider: ${join(dataDir, file)} has ${size} bytes, not a whole number of ${recordSize}-byte records`,
    );
  });

  it('never loads geoip-lite itself', () => {
    jest.doMock('geoip-lite', () => {
      throw new Error('geoip-lite was loaded');
    });
    delete process.env['GEODATADIR'];
    jest.isolateModules(() => {
      const fresh = require('../../src/geo/geoip-country') as CountryModule;
      const provider = fresh.geoipCountryProvider({ preload: true });
      expect(provider({ ip: '5.183.68.7' })).toEqual({ country: 'RU' });
      expect(fresh.lookupCountry('2a04:f804::1')).not.toBeNull();
    });
  });
});
