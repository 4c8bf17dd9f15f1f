import fc from 'fast-check';
import { MAX_ACCEPT_LANGUAGE_ENTRIES, parseAcceptLanguage } from '../../src/visitor/accept-language';

/** The shape every returned tag must have (see src/visitor/language-tag.ts). */
const VALID_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/;

/** Pieces that make header-like text: real tags, junk, weights good and bad, separators, odd spacing. */
const piece = fc.constantFrom(
  'en',
  'ru',
  'uk',
  'de-CH',
  'zh-Hant-TW',
  'fil',
  'EN-us',
  '*',
  'q',
  'abcd',
  'x-foo',
  'i-klingon',
  'en_US',
  '-',
  ';q=0',
  ';q=0.5',
  ';q=1',
  ';q=1.0',
  ';q=-1',
  ';q=2',
  ';q=0.1234',
  ';q=',
  ';Q=0.3',
  ' ; q = 0.7',
  ';level=1',
  ',',
  ', ',
  ' ,',
  ';',
  '=',
  ' ',
  '\t',
  '\u00e9',
  '\u0000',
  '"',
);
const headerLike = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
/** Up to ~1.5 MB: far past the 4 KiB cut. */
const huge = fc
  .tuple(fc.oneof(headerLike, anyText), fc.integer({ min: 1, max: 5000 }))
  .map(([text, times]) => text.repeat(times));

function checkResult(header: string): void {
  const languages = parseAcceptLanguage(header);
  expect(languages.length).toBeLessThanOrEqual(MAX_ACCEPT_LANGUAGE_ENTRIES);
  expect(new Set(languages).size).toBe(languages.length);
  for (const tag of languages) {
    expect(tag).toBe(tag.toLowerCase());
    expect(tag).toMatch(VALID_TAG);
    // Every tag comes from the header: nothing is invented (the library's `q` language).
    expect(header.toLowerCase()).toContain(tag);
  }
}

describe('parseAcceptLanguage on any input', () => {
  it('never throws and gives at most 32 unique, lower-case, well-formed tags', () => {
    fc.assert(fc.property(fc.oneof(headerLike, anyText, huge), checkResult), { numRuns: 400 });
  });
});

describe('parseAcceptLanguage on well-formed headers', () => {
  const entry = fc.record({
    tag: fc.constantFrom('en', 'en-US', 'ru', 'ru-RU', 'uk', 'de', 'zh-Hant-TW', 'pt-BR', 'fil'),
    quality: fc.constantFrom(undefined, '0', '0.1', '0.5', '0.500', '0.9', '1', '1.0'),
    spaceBeforeSemicolon: fc.boolean(),
  });

  it('agrees with a plain model: weight > 0, stable by descending weight, first of duplicates', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: MAX_ACCEPT_LANGUAGE_ENTRIES }), (entries) => {
        const header = entries
          .map((e) => (e.quality === undefined ? e.tag : `${e.tag}${e.spaceBeforeSemicolon ? ' ' : ''};q=${e.quality}`))
          .join(', ');
        const expected = entries
          .map((e, position) => ({ tag: e.tag.toLowerCase(), weight: Number(e.quality ?? '1'), position }))
          .filter((e) => e.weight > 0)
          .sort((a, b) => b.weight - a.weight || a.position - b.position)
          .map((e) => e.tag);
        expect(parseAcceptLanguage(header)).toEqual([...new Set(expected)]);
      }),
      { numRuns: 300 },
    );
  });
});
