import { decide } from '../../src/core/decide';
import { notice, ruleSetOf, visitor } from './factory';

const ids = (...args: Parameters<typeof decide>): string[] => decide(...args).map((n) => n.id);

describe('combining conditions', () => {
  it('no conditions matches every visitor, known or unknown', () => {
    const rules = ruleSetOf(notice('everyone'));
    expect(ids(rules, visitor({ country: 'JP' }))).toEqual(['everyone']);
    expect(ids(rules, visitor({ country: null, languages: [], path: '/x' }))).toEqual(['everyone']);
  });

  it('an empty condition object matches every visitor', () => {
    const rules = ruleSetOf(notice('everyone', { when: {} }));
    expect(ids(rules, visitor({ country: 'JP', languages: [] }))).toEqual(['everyone']);
    expect(ids(rules, visitor({ country: null }))).toEqual(['everyone']);
  });

  it('inside one condition every key must hold', () => {
    const rules = ruleSetOf(notice('russian-in-russia', { when: { regions: ['RU'], languages: ['ru'] } }));
    expect(ids(rules, visitor({ country: 'RU', languages: ['ru'] }))).toEqual(['russian-in-russia']);
    expect(ids(rules, visitor({ country: 'RU', languages: ['en'] }))).toEqual([]);
    expect(ids(rules, visitor({ country: 'DE', languages: ['ru'] }))).toEqual([]);
  });

  it('any condition of the list may hold', () => {
    const rules = ruleSetOf(notice('either', { when: [{ regions: ['RU'] }, { languages: ['ru'] }] }));
    expect(ids(rules, visitor({ country: 'RU', languages: ['en'] }))).toEqual(['either']);
    expect(ids(rules, visitor({ country: 'DE', languages: ['ru'] }))).toEqual(['either']);
    expect(ids(rules, visitor({ country: 'DE', languages: ['en'] }))).toEqual([]);
  });
});

describe('languages', () => {
  const rules = ruleSetOf(
    notice('russian', { when: { languages: ['ru'] } }),
    notice('brazilian', { when: { languages: ['pt-br'] } }),
  );

  it('holds when any visitor language is matched by a rule tag', () => {
    expect(ids(rules, visitor({ languages: ['de', 'ru-ru'] }))).toEqual(['russian']);
    expect(ids(rules, visitor({ languages: ['ru'] }))).toEqual(['russian']);
  });

  it('a regional rule tag matches that region only', () => {
    expect(ids(rules, visitor({ languages: ['pt-br'] }))).toEqual(['brazilian']);
    expect(ids(rules, visitor({ languages: ['pt'] }))).toEqual([]);
    expect(ids(rules, visitor({ languages: ['pt-pt'] }))).toEqual([]);
  });

  it('does not hold for a visitor without languages', () => {
    expect(ids(rules, visitor({ languages: [] }))).toEqual([]);
  });
});

describe('not_languages', () => {
  const rules = ruleSetOf(notice('not-russian', { when: { notLanguages: ['ru'] } }));

  it('fails when any visitor language is matched', () => {
    expect(ids(rules, visitor({ languages: ['en', 'ru-ru'] }))).toEqual([]);
  });

  it('holds otherwise, including for a visitor without languages', () => {
    expect(ids(rules, visitor({ languages: ['en', 'rue'] }))).toEqual(['not-russian']);
    expect(ids(rules, visitor({ languages: [] }))).toEqual(['not-russian']);
  });
});

describe('paths and not_paths', () => {
  const rules = ruleSetOf(
    notice('news', { when: { paths: ['/news/**'] } }),
    notice('not-api', { when: { notPaths: ['/api/**'] } }),
  );

  it('paths holds when a glob matches the path', () => {
    expect(ids(rules, visitor({ path: '/news/2024/story' }))).toEqual(['news', 'not-api']);
    expect(ids(rules, visitor({ path: '/about' }))).toEqual(['not-api']);
  });

  it('not_paths fails when a glob matches the path', () => {
    expect(ids(rules, visitor({ path: '/api/items' }))).toEqual([]);
  });
});
