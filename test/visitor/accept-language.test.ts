import {
  MAX_ACCEPT_LANGUAGE_ENTRIES,
  MAX_ACCEPT_LANGUAGE_LENGTH,
  parseAcceptLanguage,
} from '../../src/visitor/accept-language';

describe('parseAcceptLanguage: ordinary headers', () => {
  it('gives lower-case tags, most preferred first', () => {
    expect(parseAcceptLanguage('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['ru-ru', 'ru', 'en-us', 'en']);
  });

  it('orders by weight, not by position', () => {
    expect(parseAcceptLanguage('en;q=0.3, uk, ru;q=0.7')).toEqual(['uk', 'ru', 'en']);
  });

  it('keeps header order among equal weights', () => {
    expect(parseAcceptLanguage('de;q=0.5, fr;q=0.5, it;q=0.5, uk')).toEqual(['uk', 'de', 'fr', 'it']);
  });

  it('keeps script and region subtags', () => {
    expect(parseAcceptLanguage('zh-Hant-TW, sr-Latn')).toEqual(['zh-hant-tw', 'sr-latn']);
  });

  it('gives nothing for an absent or empty header', () => {
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage('  ,  , ')).toEqual([]);
  });
});

describe('parseAcceptLanguage: what accept-language-parser alone gets wrong', () => {
  it('reads a weight written with spaces instead of inventing a language "q"', () => {
    expect(parseAcceptLanguage('en, fr; q=0.5')).toEqual(['en', 'fr']);
    expect(parseAcceptLanguage('fr ; q = 0.5, de;q=0.6')).toEqual(['de', 'fr']);
  });

  it('drops entries of weight 0, which RFC 9110 defines as "not acceptable"', () => {
    expect(parseAcceptLanguage('en;q=0, ru')).toEqual(['ru']);
    expect(parseAcceptLanguage('en;q=0.000, ru;q=0.001')).toEqual(['ru']);
  });

  it('drops entries whose weight is not a qvalue, rather than giving them full weight', () => {
    expect(parseAcceptLanguage('de;q=-1, en;q=0.5')).toEqual(['en']);
    expect(parseAcceptLanguage('de;q=1.5, fr;q=abc, it;q=, es;q=0.5555, pt;q=0.5')).toEqual(['pt']);
  });

  it('drops tags that are not well formed, and the wildcard', () => {
    expect(parseAcceptLanguage('english, e, 1234, en_US, -en, en-, *, *;q=0.5, ru')).toEqual(['ru']);
  });

  it('keeps a well-formed three-letter primary subtag (ISO 639-2/3)', () => {
    expect(parseAcceptLanguage('fil, yue-HK;q=0.8')).toEqual(['fil', 'yue-hk']);
  });

  it('cuts a tag before extensions and after three subtags', () => {
    expect(parseAcceptLanguage('en-US-x-twain, de-CH-1996-fonipa')).toEqual(['en-us', 'de-ch-1996']);
  });

  it('lists a language once, at its highest weight', () => {
    expect(parseAcceptLanguage('en;q=0.2, RU, en, ru;q=0.5')).toEqual(['ru', 'en']);
  });

  it('ignores parameters other than q', () => {
    expect(parseAcceptLanguage('en;level=1;q=0.4, ru;q=0.5')).toEqual(['ru', 'en']);
  });
});

describe('parseAcceptLanguage: limits', () => {
  it(`reads only the first ${MAX_ACCEPT_LANGUAGE_ENTRIES} entries, counting invalid ones`, () => {
    const junk = Array.from({ length: MAX_ACCEPT_LANGUAGE_ENTRIES - 1 }, () => 'xxxxxxxxx');
    expect(parseAcceptLanguage([...junk, 'ru', 'uk'].join(','))).toEqual(['ru']);
  });

  it(`reads only the first ${MAX_ACCEPT_LANGUAGE_LENGTH} characters, dropping an entry cut in half`, () => {
    const padding = ' '.repeat(MAX_ACCEPT_LANGUAGE_LENGTH - 'ru,'.length - 3);
    // "de-CH" straddles the limit: only "de-" would be inside it, so the entry is dropped.
    expect(parseAcceptLanguage(`ru,${padding}de-CH,uk`)).toEqual(['ru']);
    // An entry that ends exactly at the limit is whole and kept.
    expect(parseAcceptLanguage(`ru,${' '.repeat(MAX_ACCEPT_LANGUAGE_LENGTH - 'ru,'.length - 2)}de,uk`)).toEqual([
      'ru',
      'de',
    ]);
  });

  it('gives nothing when the first 4 KiB hold no complete entry', () => {
    expect(parseAcceptLanguage('a'.repeat(MAX_ACCEPT_LANGUAGE_LENGTH * 4))).toEqual([]);
  });
});

describe('parseAcceptLanguage: repeated headers', () => {
  it('gives each caller its own array, so changing one answer cannot change the next', () => {
    const first = parseAcceptLanguage('uk, ru;q=0.5');
    first.push('en');
    first[0] = 'de';
    expect(parseAcceptLanguage('uk, ru;q=0.5')).toEqual(['uk', 'ru']);
  });

  it('answers the same for a header seen before as for a new one', () => {
    const headers = Array.from(
      { length: 1500 },
      (_, i) => `en;q=0.${(i % 999) + 1}, de-${i.toString(36).padStart(2, 'a')}`,
    );
    const firstPass = headers.map((header) => parseAcceptLanguage(header));
    expect(headers.map((header) => parseAcceptLanguage(header))).toEqual(firstPass);
    expect(firstPass[0]).toEqual(['de-a0', 'en']);
  });
});
