/**
 * `cache: { vary }`: a response stays shareable only when its decision rests on request headers
 * a cache can key on, and then `Vary` names every one of them; a decision from the client
 * address, or a configuration whose headers cannot tell the rules' subdivisions apart, never is.
 */
import path from 'node:path';
import request from 'supertest';
import { cdnHeaderProvider, geoipLiteProvider, loadRules, staticProvider, type GeonoticeOptions } from '../../../src';
import { ErrorCodes } from '../../../src/errors';
import { createPreviewToken } from '../../../src/preview/token';
import { FIXTURES_DIR, PAGE, appWith, noticeCount } from '../../helpers/geonotice-app';

const COUNTRY_RULES = loadRules(path.join(FIXTURES_DIR, 'countries'));

function pageApp(options: Partial<GeonoticeOptions>) {
  return appWith(options, (app) => {
    app.set('trust proxy', 'loopback');
    app.get('/', (req, res) => res.set('Cache-Control', 'public, max-age=600').send(PAGE));
  });
}

function varyNames(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

describe('Vary names every header the geo providers read', () => {
  it.each([
    ['CloudFront-Viewer-Country', undefined, ['cloudfront-viewer-country', 'cloudfront-viewer-country-region']],
    ['X-Vercel-IP-Country', undefined, ['x-vercel-ip-country', 'x-vercel-ip-country-region']],
    ['CF-IPCountry', 'cf-region-code', ['cf-ipcountry', 'cf-region-code']],
  ])('%s: Crimea and Kyiv get different pages under different keys', async (header, regionHeader, geoHeaders) => {
    const provider = cdnHeaderProvider(regionHeader === undefined ? { header } : { header, regionHeader });
    const regionName = geoHeaders[1]!;
    const app = pageApp({ geo: provider, cache: { vary: header } });
    const crimea = await request(app).get('/').set(header, 'UA').set(regionName, '43').expect(200);
    const kyiv = await request(app).get('/').set(header, 'UA').set(regionName, '30').expect(200);
    expect(noticeCount(crimea.text)).toBe(1);
    expect(noticeCount(kyiv.text)).toBe(0);
    expect(varyNames(crimea.headers['vary'])).toEqual([...geoHeaders, 'accept-language'].sort());
    expect(crimea.headers['cache-control']).toBe('public, max-age=600');
    // In Kyiv the shipped rule still asks whether the visitor is on an occupied territory's ISP.
    expect(kyiv.headers['cache-control']).toBe('private, max-age=600');
  });

  it('a page located by the address behind a header provider stays private', async () => {
    const app = pageApp({
      rules: COUNTRY_RULES,
      geo: [cdnHeaderProvider({ header: 'CF-IPCountry' }), geoipLiteProvider()],
      cache: { vary: 'CF-IPCountry' },
    });
    const byHeader = await request(app).get('/').set('CF-IPCountry', 'BY').expect(200);
    expect(noticeCount(byHeader.text, 'country-notice')).toBe(1);
    expect(byHeader.headers['cache-control']).toBe('public, max-age=600');
    // The CDN could not tell (XX): the Moscow address decided, and no cache key holds an address.
    const byAddress = await request(app)
      .get('/')
      .set('CF-IPCountry', 'XX')
      .set('X-Forwarded-For', '5.228.128.1')
      .expect(200);
    expect(noticeCount(byAddress.text, 'country-notice')).toBe(1);
    expect(byAddress.headers['cache-control']).toBe('private, max-age=600');
  });

  it('an address provider first makes every answer private, whatever answers after it', async () => {
    const app = pageApp({
      rules: COUNTRY_RULES,
      geo: [geoipLiteProvider(), cdnHeaderProvider({ header: 'CF-IPCountry' })],
      cache: { vary: 'CF-IPCountry' },
    });
    const res = await request(app).get('/').set('CF-IPCountry', 'BY').expect(200);
    expect(noticeCount(res.text, 'country-notice')).toBe(1);
    expect(res.headers['cache-control']).toBe('private, max-age=600');
  });

  it("a page whose decision turns on the visitor's network stays private: no header carries a network", async () => {
    const app = pageApp({
      geo: cdnHeaderProvider({ header: 'CF-IPCountry', regionHeader: 'cf-region-code' }),
      cache: { vary: 'CF-IPCountry' },
    });
    // A Miranda-Media (Crimea) address that the CDN places in the Czech Republic.
    const onTheNetwork = await request(app)
      .get('/')
      .set('CF-IPCountry', 'CZ')
      .set('X-Forwarded-For', '2.59.51.7')
      .expect(200);
    expect(noticeCount(onTheNetwork.text)).toBe(1);
    expect(onTheNetwork.headers['cache-control']).toBe('private, max-age=600');
    const elsewhere = await request(app)
      .get('/')
      .set('CF-IPCountry', 'CZ')
      .set('X-Forwarded-For', '8.8.8.8')
      .expect(200);
    expect(noticeCount(elsewhere.text)).toBe(0);
    expect(elsewhere.headers['cache-control']).toBe('private, max-age=600');
    // In Russia the region alone decides: that page can be shared under its key.
    const inRussia = await request(app)
      .get('/')
      .set('CF-IPCountry', 'RU')
      .set('X-Forwarded-For', '8.8.8.8')
      .expect(200);
    expect(inRussia.headers['cache-control']).toBe('public, max-age=600');
    expect(noticeCount(inRussia.text)).toBe(1);
    // The key: every header the providers read, and the language.
    expect(inRussia.headers['vary']).toBe('CF-IPCountry, cf-region-code, Accept-Language');
  });

  it('a preview is never stored, in vary mode too', async () => {
    const app = pageApp({
      geo: staticProvider({ country: 'UA', region: 'UA-43' }),
      cache: { vary: 'CF-IPCountry' },
      preview: { secret: 'a-secret-of-sixteen+' },
    });
    const token = createPreviewToken(
      { country: 'DE', exp: Math.floor(Date.now() / 1000) + 600 },
      'a-secret-of-sixteen+',
    );
    const res = await request(app).get('/').set('Geonotice-Preview', token).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('a configuration that cannot tell subdivisions apart', () => {
  it('is refused at start-up, naming the header to add', () => {
    expect(() =>
      pageApp({ geo: cdnHeaderProvider({ header: 'CF-IPCountry' }), cache: { vary: 'CF-IPCountry' } }),
    ).toThrow(
      expect.objectContaining({
        code: ErrorCodes.options,
        message: expect.stringMatching(/UA-43.*cf-ipcountry.*regionHeader: 'cf-region-code'/s),
      }),
    );
  });

  it('is refused when a country-only header comes before the address lookup too', () => {
    expect(() =>
      pageApp({
        geo: [cdnHeaderProvider({ header: 'CF-IPCountry' }), geoipLiteProvider()],
        cache: { vary: 'CF-IPCountry' },
      }),
    ).toThrow(/cf-region-code/);
  });

  it('is accepted when the rules name countries only, or in private mode', () => {
    expect(() =>
      pageApp({
        rules: COUNTRY_RULES,
        geo: cdnHeaderProvider({ header: 'CF-IPCountry' }),
        cache: { vary: 'CF-IPCountry' },
      }),
    ).not.toThrow();
    expect(() => pageApp({ geo: cdnHeaderProvider({ header: 'CF-IPCountry' }) })).not.toThrow();
  });
});
