import { staticProvider } from '../../src/geo/static';

describe('staticProvider', () => {
  it('answers every request with its location', () => {
    const provider = staticProvider({ country: 'UA', region: 'UA-43' });
    expect(provider({})).toEqual({ country: 'UA', region: 'UA-43' });
    expect(provider({ ip: '8.8.8.8' })).toEqual({ country: 'UA', region: 'UA-43' });
  });

  it('hands out copies, so a caller cannot change the next answer', () => {
    const provider = staticProvider({ country: 'RU' });
    const first = provider({});
    first!.country = 'DE';
    expect(provider({})).toEqual({ country: 'RU' });
  });

  it('can stand for an unknown location', () => {
    expect(staticProvider(null)({})).toBeNull();
  });

  it.each([
    [{ country: 'ua' }, /upper-case ISO 3166-1/],
    [{ country: 'XX' }, /upper-case ISO 3166-1/],
    [{ country: 'UA', region: '43' }, /full ISO 3166-2 code of UA/],
    [{ country: 'UA', region: 'RU-MOW' }, /full ISO 3166-2 code of UA/],
  ])('refuses %j when it is created', (location, message) => {
    expect(() => staticProvider(location)).toThrow(message);
  });
});
