import { ErrorCodes, GeonoticeError } from '../../src/errors';
import { geoipLiteProvider, lookupIp } from '../../src/geo/geoip-lite';

import { geoipCountryProvider, lookupCountry } from '../../src/geo/geoip-country';

describe('lookupIp', () => {
  it('gives the country alone when the data has no subdivision', () => {
    // A Crimean ISP's address, the one the README's quick start uses: the pinned data places it in Russia, region unknown.
    expect(lookupIp('5.183.68.7')).toEqual({ country: 'RU' });
  });
});

// geoip-lite's full data and its country-only files (geoipCountryProvider) read client
// addresses alike and know nothing of the same non-public ones.
describe.each([
  ['lookupIp', lookupIp],
  ['lookupCountry', lookupCountry],
])('%s', (_name, lookup) => {
  it.each(['::ffff:5.183.68.7', '5.183.68.7:5678', '[::ffff:5.183.68.7]:443', ' 5.183.68.7 '])(
    'reads the client address written as %j',
    (ip) => {
      expect(lookup(ip)).toEqual({ country: 'RU' });
    },
  );

  it.each([
    ['private', '192.168.1.20'],
    ['private, IPv4-mapped', '::ffff:10.0.0.1'],
    ['loopback', '127.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['CGNAT', '100.64.12.1'],
    ['link-local', '169.254.1.1'],
    ['IPv6 link-local with zone', 'fe80::1%eth0'],
    ['unique-local', 'fd00::5'],
    ['documentation', '203.0.113.7'],
    ['not covered by the data', '4000::1'],
    ['not an address', 'not-an-ip'],
    ['empty', ''],
  ])('knows nothing of a %s address (%s)', (_kind, ip) => {
    expect(lookup(ip)).toBeNull();
  });
});

describe.each([
  ['geoipLiteProvider', geoipLiteProvider, 'geoip-lite'],
  ['geoipCountryProvider', geoipCountryProvider, 'geoip-country'],
] as const)('%s', (factoryName, factory, providerName) => {
  const provider = factory();

  it('is named for the audit', () => {
    expect(provider.name).toBe(providerName);
  });

  it('reads req.ip, as Express sets it from its trust proxy setting', () => {
    expect(provider({ ip: '5.183.68.7', socket: { remoteAddress: '127.0.0.1' } })).toEqual({ country: 'RU' });
  });

  it('falls back to the socket address outside Express', () => {
    expect(provider({ socket: { remoteAddress: '::ffff:5.183.68.7' } })).toEqual({ country: 'RU' });
    expect(provider({ ip: '', socket: { remoteAddress: '5.183.68.7' } })).toEqual({ country: 'RU' });
  });

  it('never reads X-Forwarded-For itself', () => {
    const behindProxy = {
      ip: '127.0.0.1',
      socket: { remoteAddress: '127.0.0.1' },
      headers: { 'x-forwarded-for': '5.183.68.7' },
    };
    expect(provider(behindProxy)).toBeNull();
    expect(provider({ headers: { 'x-forwarded-for': '5.183.68.7' } })).toBeNull();
  });

  it('refuses unknown or mistyped options', () => {
    expect(() => factory({ preloda: true } as never)).toThrow(
      new GeonoticeError(ErrorCodes.options, `${factoryName}: unknown option "preloda" (known: preload)`),
    );
    expect(() => factory({ preload: 'yes' } as never)).toThrow(/"preload" must be true or false, not "yes"/);
    expect(() => factory(null as never)).toThrow(/options must be an object/);
  });
});

describe('loading geoip-lite', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('geoip-lite');
  });

  it('waits for the first lookup, so importing geonotice stays fast', () => {
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock('geoip-lite', () => {
        loads++;
        return { lookup: () => ({ country: 'UA', region: '43' }) };
      });
      const geo = require('../../src/geo/geoip-lite') as typeof import('../../src/geo/geoip-lite');
      const lazy = geo.geoipLiteProvider();
      expect(loads).toBe(0);
      expect(lazy({ ip: '31.135.112.1' })).toEqual({ country: 'UA', region: 'UA-43' });
      expect(geo.lookupIp('31.135.112.2')).toEqual({ country: 'UA', region: 'UA-43' });
      expect(loads).toBe(1);
    });
  });

  it('loads at creation with { preload: true }', () => {
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock('geoip-lite', () => {
        loads++;
        return { lookup: () => null };
      });
      const geo = require('../../src/geo/geoip-lite') as typeof import('../../src/geo/geoip-lite');
      geo.geoipLiteProvider({ preload: true });
      expect(loads).toBe(1);
    });
  });

  it('does not ask the data about addresses that cannot have a location', () => {
    const asked: unknown[] = [];
    jest.isolateModules(() => {
      jest.doMock('geoip-lite', () => ({ lookup: (ip: unknown) => (asked.push(ip), { country: 'US', region: '' }) }));
      const geo = require('../../src/geo/geoip-lite') as typeof import('../../src/geo/geoip-lite');
      expect(geo.lookupIp('10.0.0.1')).toBeNull();
      expect(geo.lookupIp('2a02:6b8::1')).toEqual({ country: 'US' });
    });
    expect(asked).toEqual(['2a02:6b8::1']);
  });
});
