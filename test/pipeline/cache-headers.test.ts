import { hasNoTransform, mergePrivate, mergeVary } from '../../src/pipeline/cache-headers';

describe('mergePrivate', () => {
  it('adds private to a response with no Cache-Control', () => {
    expect(mergePrivate(undefined)).toBe('private');
  });

  it('replaces public and drops s-maxage, keeping the rest', () => {
    expect(mergePrivate('public, max-age=600, s-maxage=3600, stale-while-revalidate=30')).toBe(
      'private, max-age=600, stale-while-revalidate=30',
    );
  });

  it('keeps no-store and does not repeat private', () => {
    expect(mergePrivate('no-store, private')).toBe('private, no-store');
  });

  it('reads a header given as several values, joined', () => {
    expect(mergePrivate('public, max-age=60')).toBe('private, max-age=60');
  });
});

describe('mergeVary', () => {
  it('adds names once, whatever their case', () => {
    expect(mergeVary('Accept-Encoding, accept-language', ['Accept-Language', 'CF-IPCountry'])).toBe(
      'Accept-Encoding, accept-language, CF-IPCountry',
    );
  });

  it('leaves Vary: * alone', () => {
    expect(mergeVary('*', ['Accept-Language'])).toBe('*');
  });
});

describe('hasNoTransform', () => {
  it('finds the directive among others', () => {
    expect(hasNoTransform('public, No-Transform')).toBe(true);
    expect(hasNoTransform('public, max-age=1')).toBe(false);
  });
});
