import {
  chooseMessageLanguage,
  firstMatchingTag,
  lookupChain,
  messageLookupOrder,
  tagMatches,
} from '../../src/core/language';

describe('tagMatches: a rule tag matches an equal or more specific visitor tag', () => {
  it.each([
    ['ru', 'ru', true],
    ['ru', 'ru-ru', true],
    ['ru', 'ru-ua', true],
    ['pt-br', 'pt-br', true],
    ['pt-br', 'pt', false],
    ['pt-br', 'pt-pt', false],
    ['ru-ru', 'ru', false],
    ['r', 'ru', false],
    ['ru', 'rue', false],
    ['zh-hant', 'zh-hant-tw', true],
  ])('rule %s, visitor %s → %s', (rule, visitorTag, expected) => {
    expect(tagMatches(rule, visitorTag)).toBe(expected);
  });
});

describe('firstMatchingTag', () => {
  it('returns the most preferred visitor tag that a rule tag matches', () => {
    expect(firstMatchingTag(['uk', 'ru'], ['de', 'ru-ru', 'uk'])).toBe('ru-ru');
  });

  it('returns undefined when nothing matches or the visitor has no languages', () => {
    expect(firstMatchingTag(['ru'], ['de'])).toBeUndefined();
    expect(firstMatchingTag(['ru'], [])).toBeUndefined();
  });
});

describe('lookupChain', () => {
  it('goes from the exact tag down to the primary subtag', () => {
    expect(lookupChain('zh-hant-tw')).toEqual(['zh-hant-tw', 'zh-hant', 'zh']);
    expect(lookupChain('ru-ru')).toEqual(['ru-ru', 'ru']);
    expect(lookupChain('ru')).toEqual(['ru']);
  });

  it('never ends a candidate on a single-letter subtag', () => {
    expect(lookupChain('en-x-test')).toEqual(['en-x-test', 'en']);
  });
});

describe('chooseMessageLanguage', () => {
  const choose = (keys: string[], visitorTags: string[], fallback = 'en'): string =>
    chooseMessageLanguage(new Set(keys), fallback, messageLookupOrder(visitorTags));

  it('takes the exact tag first', () => {
    expect(choose(['ru', 'ru-ru', 'en'], ['ru-ru'])).toBe('ru-ru');
  });

  it('then the primary subtag', () => {
    expect(choose(['ru', 'en'], ['ru-ru'])).toBe('ru');
  });

  it('follows the visitor preference order before specificity', () => {
    expect(choose(['ru', 'uk', 'en'], ['uk-ua', 'ru'])).toBe('uk');
  });

  it('never picks a key more specific than the visitor tag', () => {
    expect(choose(['pt-br', 'en'], ['pt'])).toBe('en');
  });

  it('falls back to the default language', () => {
    expect(choose(['ru', 'uk', 'en'], ['de', 'fr'])).toBe('en');
    expect(choose(['ru', 'uk'], [], 'uk')).toBe('uk');
  });
});
