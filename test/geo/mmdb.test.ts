/**
 * mmdbProvider on MaxMind-format files: a real GeoLite2 Country database from npm, and files
 * written here in the record layouts vendors publish — GeoIP2's `subdivisions[].iso_code`, which
 * is the ISO 3166-2 code without its country (`43` for `UA-43`), and flat `country_code` ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { geonotice, mmdbProvider } from '../../src';
import { locationOfRecord } from '../../src/geo/mmdb';
import { traitsOf } from '../../src/geo/provider';
import { failOnError, noticeCount, rules } from '../helpers/geonotice-app';
import { writeMmdb, type MmdbNetwork } from '../helpers/mmdb-writer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-mmdb-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function database(
  name: string,
  databaseType: string,
  networks: MmdbNetwork[],
  buildEpoch = new Date('2026-11-03T10:00:00Z'),
): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, writeMmdb({ databaseType, buildEpoch, networks }));
  return file;
}

/** GeoIP2 City records as MaxMind writes them (names trimmed). */
const city = database('city.mmdb', 'GeoIP2-City', [
  {
    prefix: '31.135.112.0/24',
    record: { country: { iso_code: 'UA' }, subdivisions: [{ iso_code: '43' }], city: { names: { en: 'Simferopol' } } },
  },
  { prefix: '176.37.0.0/16', record: { country: { iso_code: 'UA' }, subdivisions: [{ iso_code: '30' }] } },
  {
    prefix: '81.2.69.0/24',
    record: { country: { iso_code: 'GB' }, subdivisions: [{ iso_code: 'ENG' }, { iso_code: 'WBK' }] },
  },
  { prefix: '2a04:f800::/29', record: { country: { iso_code: 'UA' }, subdivisions: [{ iso_code: '40' }] } },
  { prefix: '46.16.33.0/24', record: { country: { iso_code: 'UA' } } },
  { prefix: '198.18.0.0/15', record: { country: { iso_code: 'RU' } } },
  { prefix: '93.170.0.0/24', record: { registered_country: { iso_code: 'UA' } } },
]);

describe('mmdbProvider on GeoIP2 City records', () => {
  const provider = mmdbProvider({ path: city });

  it('turns MaxMind’s subdivision suffix into a full ISO 3166-2 code, IPv4 and IPv6', () => {
    expect(provider({ ip: '31.135.112.9' })).toEqual({ country: 'UA', region: 'UA-43' });
    expect(provider({ ip: '176.37.255.1' })).toEqual({ country: 'UA', region: 'UA-30' });
    expect(provider({ ip: '2a04:f804::1' })).toEqual({ country: 'UA', region: 'UA-40' });
    expect(provider({ ip: '::ffff:31.135.112.9' })).toEqual({ country: 'UA', region: 'UA-43' });
  });

  it('takes the first-level subdivision when MaxMind lists two', () => {
    expect(provider({ ip: '81.2.69.160' })).toEqual({ country: 'GB', region: 'GB-ENG' });
  });

  it('gives the country alone when the record has no subdivision, and null without a country or outside the data', () => {
    expect(provider({ ip: '46.16.33.37' })).toEqual({ country: 'UA' });
    expect(provider({ ip: '93.170.0.1' })).toBeNull(); // only the registration country: not where the visitor is
    expect(provider({ ip: '8.8.8.8' })).toBeNull();
  });

  it('looks up only public addresses', () => {
    expect(provider({ ip: '198.18.0.1' })).toBeNull(); // benchmarking range, though the file has a record
    expect(provider({ ip: '10.0.0.1' })).toBeNull();
  });

  it('is named after the database, and knows its date and that it gives subdivisions', () => {
    expect(provider.name).toBe('mmdb:GeoIP2-City');
    expect(traitsOf(provider)).toMatchObject({ subdivisions: true });
    expect(traitsOf(provider)?.data?.()).toEqual({ name: 'GeoIP2-City', builtAt: '2026-11-03', maxmindLicence: false });
  });

  it('places a site’s visitors: the Crimean address gets the shipped notice, Kyiv none', async () => {
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(geonotice({ rules: rules('shipped'), geo: provider, onError: failOnError }));
    app.get('/', (req, res) => res.send('<!DOCTYPE html><html><body><p>Story</p></body></html>'));
    expect(noticeCount((await request(app).get('/').set('X-Forwarded-For', '31.135.112.9')).text)).toBe(1);
    expect(noticeCount((await request(app).get('/').set('X-Forwarded-For', '176.37.0.1')).text)).toBe(0);
  });
});

describe('mmdbProvider on other layouts and files', () => {
  it('reads flat country_code records (IPinfo Lite, ip-location-db), and a record written whole', () => {
    const flat = mmdbProvider({
      path: database('flat.mmdb', 'ipinfo lite.mmdb', [
        { prefix: '31.135.112.0/24', record: { country_code: 'UA', country: 'Ukraine', asn: 'AS201776' } },
        { prefix: '2.59.51.0/24', record: { country_code: 'RU' } },
      ]),
    });
    expect(flat({ ip: '31.135.112.9' })).toEqual({ country: 'UA' });
    expect(flat({ ip: '2.59.51.1' })).toEqual({ country: 'RU' });
    expect(traitsOf(flat)).toMatchObject({ subdivisions: false });
    expect(locationOfRecord({ country: { iso_code: 'UA' }, subdivisions: [{ iso_code: 'UA-43' }] })).toEqual({
      country: 'UA',
      region: 'UA-43',
    });
    expect(locationOfRecord({ country: { iso_code: 'RU' }, subdivisions: [{ iso_code: 'UA-43' }] })).toEqual({
      country: 'RU',
    });
  });

  it('reads a real GeoLite2 Country database and says it has no subdivisions', () => {
    const file = require.resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb');
    const provider = mmdbProvider({ path: file });
    expect(provider({ ip: '8.8.8.8' })).toEqual({ country: 'US' });
    expect(provider({ ip: '2a04:f804::1' })).toMatchObject({ country: expect.stringMatching(/^[A-Z]{2}$/) });
    expect(traitsOf(provider)).toMatchObject({ subdivisions: false });
    expect(traitsOf(provider)?.data?.().builtAt).toMatch(/^20\d\d-\d\d-\d\d$/);
  });

  it('fails at start-up, naming the file, when it is missing or not a database', () => {
    expect(() => mmdbProvider({ path: path.join(dir, 'missing.mmdb') })).toThrow(
      /mmdbProvider: cannot read .*missing\.mmdb \(ENOENT\)/,
    );
    const junk = path.join(dir, 'junk.mmdb');
    fs.writeFileSync(junk, 'not a database');
    expect(() => mmdbProvider({ path: junk })).toThrow(/junk\.mmdb is not a MaxMind-format database/);
    expect(() => mmdbProvider({ path: '' })).toThrow(/option "path" must be the path of a \.mmdb file/);
    expect(() => mmdbProvider({ file: city } as never)).toThrow(/unknown option "file"/);
  });
});
