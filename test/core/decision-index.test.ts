import { decide } from '../../src/core/decide';
import { candidatesFor } from '../../src/core/decision-index';
import { decisionIndexOf, type RuleSet } from '../../src/core/rule-set';
import { notice, ruleSetOf, visitor } from './factory';

const candidateIds = (rules: RuleSet, country: string | null, region: string | null): string[] =>
  candidatesFor(decisionIndexOf(rules), country, region).candidates.map((c) => c.prepared.notice.id);

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

  it("gives a subdivision its own, its country's and the anywhere notices", () => {
    expect(candidateIds(rules, 'UA', 'UA-43')).toEqual(['crimea-skip', 'global-news', 'russian-speakers', 'ukraine']);
    expect(candidateIds(rules, 'UA', 'UA-30')).toEqual(['global-news', 'russian-speakers', 'ukraine']);
  });

  it('gives an unknown location the notices that match it, and the anywhere ones', () => {
    expect(candidateIds(rules, null, null)).toEqual(['germany', 'global-news', 'russia', 'russian-speakers']);
  });

  it('gives a country no notice names only the anywhere notices', () => {
    expect(candidateIds(rules, 'JP', 'JP-13')).toEqual(['global-news', 'russian-speakers']);
  });

  it('merges both lists for a region that disagrees with its country', () => {
    expect(candidateIds(rules, 'RU', 'UA-43')).toEqual(['crimea-skip', 'global-news', 'russia', 'russian-speakers']);
  });

  it('answers the region checks a key settles, so a request checks only what is left', () => {
    const at = (country: string | null, region: string | null) =>
      new Map(
        candidatesFor(decisionIndexOf(rules), country, region).candidates.map((c) => [
          c.prepared.notice.id,
          c.conditions,
        ]),
      );
    const russia = at('RU', 'RU-MOW');
    expect(russia.get('russia')).toEqual([]); // holds for every visitor in Russia
    expect(russia.get('russian-speakers')).toEqual([
      expect.objectContaining({ regions: undefined, languages: ['ru'] }),
    ]);
    expect(at(null, null).get('germany')).toEqual([]); // unknown_location: match
  });

  it('leaves out a notice the key rules out, and keeps the not_regions check a country key cannot answer', () => {
    const narrowed = ruleSetOf(
      notice('ukraine-outside-crimea', { when: { regions: ['UA'], notRegions: ['UA-43'] } }),
      notice('crimea', { when: { regions: ['UA-43'] } }),
    );
    const ids = (region: string | null) => candidateIds(narrowed, 'UA', region);
    expect(ids('UA-43')).toEqual(['crimea']);
    expect(ids('UA-30')).toEqual(['ukraine-outside-crimea']);
    const kept = candidatesFor(decisionIndexOf(narrowed), 'UA', 'UA-30').candidates[0]?.conditions;
    expect(kept).toEqual([
      expect.objectContaining({ regions: undefined, notRegions: expect.objectContaining({ written: ['UA-43'] }) }),
    ]);
    const decideIds = (region: string | null) => decide(narrowed, visitor({ country: 'UA', region })).map((n) => n.id);
    expect(decideIds('UA-43')).toEqual(['crimea']);
    expect(decideIds('UA-30')).toEqual(['ukraine-outside-crimea']);
    expect(decideIds(null)).toEqual(['ukraine-outside-crimea']);
  });

  it('stays out of JSON and spreads, and a spread copy still decides the same', () => {
    expect(Object.keys(rules)).not.toContain('index');
    expect(JSON.stringify(rules)).not.toContain('subdivisionOnly');
    const copy = { ...rules };
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
