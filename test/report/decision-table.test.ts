import { createRuleSet } from '../../src/core/rule-set';
import type { Notice } from '../../src/core/types';
import { diffDecisions } from '../../src/report/decision-diff';
import { decisionTable, locationRows, tableLanguages } from '../../src/report/decision-table';

const source = { file: 'rules.yaml', line: 1, column: 1 };
const AT = new Date('2026-01-01T00:00:00Z');

function notice(id: string, overrides: Partial<Notice>): Notice {
  return {
    id,
    description: id,
    owner: 'legal@example.org',
    priority: 0,
    conditions: [],
    overrides: [],
    placement: 'body-start',
    style: 'warning',
    defaultLanguage: 'en',
    messages: { en: { text: `${id} in English` } },
    source,
    ...overrides,
  };
}

function regionSet(codes: string[]): { written: string[]; countries: Set<string>; subdivisions: Set<string> } {
  return {
    written: codes,
    countries: new Set(codes.filter((code) => code.length === 2)),
    subdivisions: new Set(codes.filter((code) => code.length > 2)),
  };
}

function ruleSet(notices: Notice[]) {
  return createRuleSet({ version: 'test', notices, regionSets: new Map(), tests: [], files: [] });
}

const occupied = notice('occupied', {
  conditions: [{ regions: regionSet(['RU', 'UA-43']), unknownLocation: 'skip', source }],
  messages: { en: { text: 'English' }, ru: { text: 'Русский' } },
});
const belarusianReaders = notice('belarusian-readers', {
  conditions: [{ languages: ['be'], unknownLocation: 'match', source }],
});

describe('decision table', () => {
  it('has a row per named place, the countries of named subdivisions, unknown and elsewhere', () => {
    const rows = locationRows([ruleSet([occupied])]);
    expect(rows.map((row) => row.key)).toEqual(['unknown', 'RU', 'UA', 'UA-43', 'elsewhere']);
    expect(rows.find((row) => row.key === 'UA')).toMatchObject({
      kind: 'country',
      country: 'UA',
      region: null,
      label: 'UA Ukraine (elsewhere in the country)',
    });
    expect(rows.find((row) => row.key === 'UA-43')).toMatchObject({
      kind: 'subdivision',
      country: 'UA',
      region: 'UA-43',
    });
  });

  it('has a column per message or condition language, and none', () => {
    expect(tableLanguages([ruleSet([occupied, belarusianReaders])])).toEqual(['be', 'en', 'ru', 'none']);
  });

  it('decides every cell', () => {
    const set = ruleSet([occupied]);
    const rows = locationRows([set]);
    const cells = decisionTable(set, rows, ['ru', 'none'], AT);
    const shown = (key: string, language: string): string[] =>
      (cells.find((cell) => cell.location.key === key && cell.language === language)?.notices ?? []).map(
        (n) => `${n.id}/${n.language}`,
      );
    expect(shown('UA-43', 'ru')).toEqual(['occupied/ru']);
    expect(shown('UA-43', 'none')).toEqual(['occupied/en']);
    expect(shown('UA', 'ru')).toEqual([]);
    expect(shown('unknown', 'ru')).toEqual([]);
    expect(shown('elsewhere', 'ru')).toEqual([]);
  });
});

describe('decision diff', () => {
  it('reports nothing for a change visitors cannot see', () => {
    const renamed = notice('occupied', {
      ...occupied,
      description: 'reworded description',
      owner: 'someone@example.org',
    });
    expect(diffDecisions(ruleSet([occupied]), ruleSet([renamed]), AT).changes).toEqual([]);
  });

  it('reports a new region, a new language condition and changed wording', () => {
    const widened = notice('occupied', {
      ...occupied,
      conditions: [{ regions: regionSet(['RU', 'UA-43', 'UA-40']), unknownLocation: 'skip', source }],
      messages: { en: { text: 'English, reworded' }, ru: { text: 'Русский' } },
    });
    const { changes } = diffDecisions(ruleSet([occupied]), ruleSet([widened, belarusianReaders]), AT);
    const at = (region: string, language: string) =>
      changes.find((change) => change.region === region && change.language === language);
    expect(at('UA-40', 'ru')).toMatchObject({ added: ['occupied'], removed: [], changed: [] });
    expect(at('RU', 'en')).toMatchObject({ added: [], changed: ['occupied'], changedFields: { occupied: ['text'] } });
    expect(at('RU', 'ru')).toBeUndefined();
    expect(at('elsewhere', 'be')).toMatchObject({ added: ['belarusian-readers'] });
    expect(at('elsewhere', 'en')).toBeUndefined();
  });
});
