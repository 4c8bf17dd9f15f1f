import { decide } from '../../src/core/decide';
import { candidatesFor } from '../../src/core/decision-index';
import { decisionIndexOf, type RuleSet } from '../../src/core/rule-set';
import { notice, ruleSetOf, visitor } from './factory';

const candidateIds = (rules: RuleSet, country: string | null, region: string | null): string[] =>
  candidatesFor(decisionIndexOf(rules), country, region).notices.map((c) => c.notice.id);

describe('decision index', () => {
  const rules = ruleSetOf(
    notice('russia', { when: { regions: ['RU'] } }),
    notice('crimea-skip', { when: { regions: ['UA-43'], unknownLocation: 'skip' } }),
    notice('ukraine', { when: { regions: ['UA'], unknownLocation: 'skip' } }),
    notice('germany', { when: { regions: ['DE'] } }),
    notice('russian-speakers', { when: [{ regions: ['DE'] }, { languages: ['ru'] }] }),
    notice('global-news', { when: { paths: ['/news/**'] } }),
  );

  it('gives a country its own notices and the ones that apply anywhere', () => {
    expect(candidateIds(rules, 'RU', 'RU-MOW')).toEqual(['global-news', 'russia', 'russian-speakers']);
  });

  it('gives a subdivision its own, its country\'s and the anywhere notices', () => {
    expect(candidateIds(rules, 'UA', 'UA-43')).toEqual([
      'crimea-skip',
      'global-news',
      'russian-speakers',
      'ukraine',
    ]);
    expect(candidateIds(rules, 'UA', 'UA-30')).toEqual(['global-news', 'russian-speakers', 'ukraine']);
  });

  it('gives an unknown location the notices that match it, and the anywhere ones', () => {
    expect(candidateIds(rules, null, null)).toEqual([
      'germany',
      'global-news',
      'russia',
      'russian-speakers',
    ]);
  });

  it('gives a country no notice names only the anywhere notices', () => {
    expect(candidateIds(rules, 'JP', 'JP-13')).toEqual(['global-news', 'russian-speakers']);
  });

  it('merges both lists for a region that disagrees with its country', () => {
    expect(candidateIds(rules, 'RU', 'UA-43')).toEqual([
      'crimea-skip',
      'global-news',
      'russia',
      'russian-speakers',
    ]);
  });

  it('stays out of JSON and spreads, and a spread copy still decides the same', () => {
    expect(Object.keys(rules)).not.toContain('index');
    expect(JSON.stringify(rules)).not.toContain('subdivisionOnly');
    const copy = { ...rules } as RuleSet;
    const crimean = visitor({ country: 'UA', region: 'UA-43', languages: ['ru'], path: '/news/1' });
    expect(decide(copy, crimean)).toEqual(decide(rules, crimean));
    expect(decide(copy, crimean).map((n) => n.id)).toEqual([
      'crimea-skip',
      'global-news',
      'russian-speakers',
      'ukraine',
    ]);
  });
});
