import { decide } from '../../src/core/decide';
import { notice, ruleSetOf, visitor } from './factory';

const ids = (...args: Parameters<typeof decide>): string[] => decide(...args).map((n) => n.id);

describe('regions', () => {
  const rules = ruleSetOf(
    notice('russia', { when: { regions: ['RU'] } }),
    notice('crimea', { when: { regions: ['UA-43'] } }),
  );

  it('a country matches every visitor in it, whatever the subdivision', () => {
    expect(ids(rules, visitor({ country: 'RU', region: 'RU-MOW' }))).toEqual(['russia']);
    expect(ids(rules, visitor({ country: 'RU', region: null }))).toEqual(['russia']);
    expect(ids(rules, visitor({ country: 'RU', region: 'RU-KDA' }))).toEqual(['russia']);
  });

  it('a subdivision matches only that subdivision', () => {
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-43' }))).toEqual(['crimea']);
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-30' }))).toEqual([]);
    expect(ids(rules, visitor({ country: 'UA', region: null }))).toEqual([]);
  });

  it('a visitor elsewhere gets nothing', () => {
    expect(ids(rules, visitor({ country: 'US', region: 'US-CA' }))).toEqual([]);
  });

  it('a region that disagrees with its country still matches on either', () => {
    expect(ids(rules, visitor({ country: 'RU', region: 'UA-43' }))).toEqual(['crimea', 'russia']);
  });
});

describe('unknown location', () => {
  const rules = ruleSetOf(
    notice('fails-safe', { when: { regions: ['RU'] } }),
    notice('explicit-match', { when: { regions: ['UA-43'], unknownLocation: 'match' } }),
    notice('skips', { when: { regions: ['RU'], unknownLocation: 'skip' } }),
    notice('nowhere', { when: { regions: [], unknownLocation: 'match' } }),
  );

  it('regions holds when unknown_location is match (the default) and not when skip', () => {
    expect(ids(rules, visitor({ country: null, region: null }))).toEqual(['explicit-match', 'fails-safe', 'nowhere']);
  });

  it('policy plays no part once the location is known', () => {
    expect(ids(rules, visitor({ country: 'DE' }))).toEqual([]);
    expect(ids(rules, visitor({ country: 'RU' }))).toEqual(['fails-safe', 'skips']);
  });
});

describe('not_regions', () => {
  const rules = ruleSetOf(
    notice('outside-russia', { when: { notRegions: ['RU', 'UA-43'] } }),
    notice('ukraine-not-crimea', { when: { regions: ['UA'], notRegions: ['UA-43'] } }),
  );

  it('excludes visitors known to be in one of its regions', () => {
    expect(ids(rules, visitor({ country: 'RU', region: 'RU-MOW' }))).toEqual([]);
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-43' }))).toEqual([]);
  });

  it('holds for visitors known to be elsewhere', () => {
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-30' }))).toEqual(['outside-russia', 'ukraine-not-crimea']);
    expect(ids(rules, visitor({ country: 'DE' }))).toEqual(['outside-russia']);
  });

  it('does not exclude a visitor whose location is unknown', () => {
    expect(ids(rules, visitor({ country: null, region: null }))).toEqual(['outside-russia', 'ukraine-not-crimea']);
  });
});
