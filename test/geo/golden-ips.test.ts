/**
 * Real addresses and the location the pinned geoip-lite data gives them, found in that data by
 * scripts/find-golden-ips.js (never assumed: geoip-lite versions disagree about some of them).
 */
import { geoDataInfo, geoipLiteProvider, lookupIp } from '../../src/geo/geoip-lite';
import golden from './golden-ips.json';

const RERUN = 'data changed: rerun scripts/find-golden-ips.js';

/** Every test of the table first checks that it describes the installed data, so a stale table fails clearly. */
function expectSameData(): void {
  const info = geoDataInfo();
  const recorded = `geoip-lite ${golden.geoipLite.version}, data of ${golden.geoipLite.dataBuiltAt}`;
  const installed = `geoip-lite ${info.packageVersion}, data of ${info.builtAt}`;
  if (installed !== recorded) {
    throw new Error(`${RERUN} (the table was built from ${recorded}; installed is ${installed})`);
  }
}

describe('golden IP table', () => {
  it('was built from the geoip-lite data installed now', expectSameData);

  it('covers every region the shipped rules and their tests name', () => {
    const regions = new Set(golden.entries.map((entry) => entry.region ?? entry.country));
    for (const region of ['RU-MOW', 'UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'UA-30', 'DE-BE', 'RU']) {
      expect(regions).toContain(region);
    }
    expect(golden.entries.some((entry) => entry.ip.includes(':'))).toBe(true);
    expect(golden.entries.some((entry) => entry.country === 'US')).toBe(true);
  });

  const provider = geoipLiteProvider();
  describe.each(golden.entries)('$ip ($label)', ({ ip, country, region }) => {
    const expected = region === null ? { country } : { country, region };

    it(`lookupIp gives ${region ?? country}`, () => {
      expectSameData();
      expect(lookupIp(ip)).toEqual(expected);
    });

    it(`geoipLiteProvider gives ${region ?? country} from req.ip`, () => {
      expectSameData();
      expect(provider({ ip })).toEqual(expected);
    });
  });
});
