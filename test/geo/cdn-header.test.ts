import { cdnHeaderProvider } from '../../src/geo/cdn-header';
import type { RequestLike } from '../../src/geo/provider';

const withHeaders = (headers: Record<string, string | string[]>): RequestLike => ({ headers });

describe('cdnHeaderProvider: Cloudflare', () => {
  const provider = cdnHeaderProvider({ header: 'CF-IPCountry' });

  it('reads the country, upper-cased', () => {
    expect(provider(withHeaders({ 'cf-ipcountry': 'ru' }))).toEqual({ country: 'RU' });
  });

  it.each(['XX', 'T1', '', '  ', 'R', 'RUS', 'R1', 'RU, UA', 'ZZ'])('treats %j as unknown', (value) => {
    expect(provider(withHeaders({ 'cf-ipcountry': value }))).toBeNull();
  });

  it('treats an absent header, or one sent as a list, as unknown', () => {
    expect(provider(withHeaders({}))).toBeNull();
    expect(provider(withHeaders({ 'cf-ipcountry': ['RU'] }))).toBeNull();
    expect(provider({})).toBeNull();
  });

  it('reads no region unless one is configured', () => {
    expect(provider(withHeaders({ 'cf-ipcountry': 'UA', 'cf-region-code': '43' }))).toEqual({ country: 'UA' });
    const withRegion = cdnHeaderProvider({ header: 'CF-IPCountry', regionHeader: 'CF-Region-Code' });
    expect(withRegion(withHeaders({ 'cf-ipcountry': 'UA', 'cf-region-code': '43' }))).toEqual({
      country: 'UA',
      region: 'UA-43',
    });
  });

  it('never looks at X-Forwarded-For or any other header', () => {
    expect(provider(withHeaders({ 'x-forwarded-for': '5.183.68.7', 'cloudfront-viewer-country': 'RU' }))).toBeNull();
  });
});

describe.each([
  ['CloudFront-Viewer-Country', 'cloudfront-viewer-country', 'cloudfront-viewer-country-region'],
  ['X-Vercel-IP-Country', 'x-vercel-ip-country', 'x-vercel-ip-country-region'],
])('cdnHeaderProvider: %s', (header, countryKey, regionKey) => {
  const provider = cdnHeaderProvider({ header });

  it('derives the region header and builds the full ISO 3166-2 code', () => {
    expect(provider(withHeaders({ [countryKey]: 'UA', [regionKey]: '43' }))).toEqual({
      country: 'UA',
      region: 'UA-43',
    });
    expect(provider(withHeaders({ [countryKey]: 'ru', [regionKey]: 'mow' }))).toEqual({
      country: 'RU',
      region: 'RU-MOW',
    });
  });

  it('accepts a region already written in full, for the same country', () => {
    expect(provider(withHeaders({ [countryKey]: 'UA', [regionKey]: 'ua-43' }))).toEqual({
      country: 'UA',
      region: 'UA-43',
    });
  });

  it.each(['', 'ABCD', '4-3', 'RU-MOW', '43, 40', '??'])(
    'ignores the malformed region %j, keeping the country',
    (value) => {
      expect(provider(withHeaders({ [countryKey]: 'UA', [regionKey]: value }))).toEqual({ country: 'UA' });
    },
  );

  it('gives no region without a country', () => {
    expect(provider(withHeaders({ [countryKey]: 'XX', [regionKey]: '43' }))).toBeNull();
  });

  it('can be told to read another region header, or none', () => {
    const other = cdnHeaderProvider({ header, regionHeader: 'X-Region' });
    expect(other(withHeaders({ [countryKey]: 'UA', [regionKey]: '43', 'x-region': '40' }))).toEqual({
      country: 'UA',
      region: 'UA-40',
    });
    const none = cdnHeaderProvider({ header, regionHeader: false });
    expect(none(withHeaders({ [countryKey]: 'UA', [regionKey]: '43' }))).toEqual({ country: 'UA' });
  });
});

describe('cdnHeaderProvider: options', () => {
  it('takes the header name in any case', () => {
    const provider = cdnHeaderProvider({ header: 'x-vercel-IP-COUNTRY' });
    expect(provider(withHeaders({ 'x-vercel-ip-country': 'UA', 'x-vercel-ip-country-region': '30' }))).toEqual({
      country: 'UA',
      region: 'UA-30',
    });
  });

  it('reads any other country header the site names', () => {
    const provider = cdnHeaderProvider({ header: 'X-Country-Code' });
    expect(provider(withHeaders({ 'x-country-code': 'de' }))).toEqual({ country: 'DE' });
  });

  it('is named after its header, for the audit', () => {
    expect(cdnHeaderProvider({ header: 'CF-IPCountry' }).name).toBe('cdn-header:cf-ipcountry');
  });

  it.each([
    [undefined, /pass the header/],
    [{}, /"header" must be a header name/],
    [{ header: '' }, /"header" must be a header name/],
    [{ header: 'CF IPCountry' }, /"header" must be a header name/],
    [{ header: 'CF-IPCountry', regionHeader: 'a b' }, /"regionHeader" must be a header name or false/],
    [{ header: 'CF-IPCountry', region: 'CF-Region' }, /unknown option "region"/],
  ])('refuses the options %j', (options, message) => {
    expect(() => cdnHeaderProvider(options as never)).toThrow(message);
  });
});
