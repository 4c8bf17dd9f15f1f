import { locate, type GeoAnswer } from '../../src/geo/chain';
import { cdnHeaderProvider } from '../../src/geo/cdn-header';
import type { GeoRequest } from '../../src/geo/provider';
import { staticProvider } from '../../src/geo/static';
import type { GeoProvider } from '../../src/geo/types';

const request = (headers: Record<string, string> = {}): GeoRequest => ({ headers }) as unknown as GeoRequest;
const cloudflare = cdnHeaderProvider({ header: 'CF-IPCountry' });

describe('locate: synchronous providers', () => {
  it('takes the first provider that knows, and names it', () => {
    const answer = locate([cloudflare, staticProvider({ country: 'DE' })], request({ 'cf-ipcountry': 'UA' }));
    expect(answer).toEqual({ location: { country: 'UA' }, source: 'cdn-header:cf-ipcountry', asked: 1 });
  });

  it('falls through providers that do not know', () => {
    const answer = locate([cloudflare, staticProvider({ country: 'DE' })], request({ 'cf-ipcountry': 'XX' }));
    expect(answer).toEqual({ location: { country: 'DE' }, source: 'static', asked: 2 });
  });

  it('answers unknown when no provider knows, and for an empty chain', () => {
    expect(locate([cloudflare, staticProvider(null)], request())).toEqual({ location: null, source: null, asked: 2 });
    expect(locate([], request())).toEqual({ location: null, source: null, asked: 0 });
  });

  it('answers without a promise when every provider answered synchronously', () => {
    const answer = locate([cloudflare, staticProvider({ country: 'DE' })], request());
    expect(answer).not.toBeInstanceOf(Promise);
  });

  it('names a site function by its own name, and an anonymous one by its place', () => {
    function fromSession(): { country: string } {
      return { country: 'PL' };
    }
    expect(locate([fromSession], request())).toEqual({ location: { country: 'PL' }, source: 'fromSession', asked: 1 });
    const anonymous = [(() => () => ({ country: 'PL' }))()];
    expect(locate([cloudflare, ...anonymous], request())).toEqual({
      location: { country: 'PL' },
      source: 'provider #2',
      asked: 2,
    });
  });

  it('counts a throwing provider as unknown and reports it', () => {
    const errors: Array<[unknown, string]> = [];
    const broken: GeoProvider = function broken() {
      throw new Error('database gone');
    };
    const answer = locate([broken, staticProvider({ country: 'DE' })], request(), (error, name) =>
      errors.push([error, name]),
    );
    expect(answer).toEqual({ location: { country: 'DE' }, source: 'static', asked: 2 });
    expect(errors).toEqual([[new Error('database gone'), 'broken']]);
  });

  it('counts an answer that is not a location as unknown and reports it', () => {
    const errors: string[] = [];
    const providers: GeoProvider[] = [
      () => ({ country: 'Ukraine' }),
      () => ({ country: 'UA', region: 'RU-MOW' }),
      () => 'UA' as never,
      staticProvider({ country: 'DE' }),
    ];
    const answer = locate(providers, request(), (error) => errors.push(String(error)));
    expect(answer).toEqual({ location: { country: 'DE' }, source: 'static', asked: 4 });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/answered \{"country":"Ukraine"\}, which is not a location/);
  });

  it('normalises a site provider’s lower-case codes and bare region, and drops extra fields', () => {
    const site: GeoProvider = () => ({ country: 'ua', region: '43', city: 'Simferopol' }) as never;
    expect(locate([site], request())).toEqual({
      location: { country: 'UA', region: 'UA-43' },
      source: 'site',
      asked: 1,
    });
  });

  it('survives an error handler that throws', () => {
    const broken: GeoProvider = () => {
      throw new Error('first');
    };
    const answer = locate([broken], request(), () => {
      throw new Error('second');
    });
    expect(answer).toEqual({ location: null, source: null, asked: 1 });
  });
});

describe('locate: asynchronous providers', () => {
  it('returns a promise once a provider returns one, and keeps walking after it', async () => {
    const slowUnknown: GeoProvider = () => Promise.resolve(null);
    const answer = locate([cloudflare, slowUnknown, staticProvider({ country: 'DE' })], request());
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toEqual({ location: { country: 'DE' }, source: 'static', asked: 3 });
  });

  it('takes an asynchronous answer', async () => {
    const remote: GeoProvider = function remote() {
      return Promise.resolve({ country: 'UA', region: 'UA-30' });
    };
    await expect(locate([remote, staticProvider({ country: 'DE' })], request())).resolves.toEqual({
      location: { country: 'UA', region: 'UA-30' },
      source: 'remote',
      asked: 1,
    });
  });

  it('counts a rejection, a later throw, and a later bad answer as unknown and reports each', async () => {
    const names: string[] = [];
    const rejecting: GeoProvider = function rejecting() {
      return Promise.reject(new Error('timeout'));
    };
    const throwing: GeoProvider = function throwing() {
      throw new Error('boom');
    };
    const nonsense: GeoProvider = function nonsense() {
      return Promise.resolve({ country: 42 } as never);
    };
    const answer: GeoAnswer = await locate([rejecting, throwing, nonsense], request(), (_error, name) =>
      names.push(name),
    );
    expect(answer).toEqual({ location: null, source: null, asked: 3 });
    expect(names).toEqual(['rejecting', 'throwing', 'nonsense']);
  });
});
