import { closestMatch, editDistance } from '../../src/util/suggest';

describe('closestMatch', () => {
  const keys = ['regions', 'not_regions', 'languages', 'not_languages', 'paths', 'not_paths', 'unknown_location'];

  it('finds the intended key behind a swapped pair of letters', () => {
    expect(closestMatch('regoins', keys)).toBe('regions');
  });

  it('finds it behind a missing letter or a wrong case', () => {
    expect(closestMatch('langauges', keys)).toBe('languages');
    expect(closestMatch('Paths', keys)).toBe('paths');
  });

  it('suggests nothing for a word that is not a typo of any key', () => {
    expect(closestMatch('colour', keys)).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
