import * as path from 'node:path';
import { checkRules, loadRules } from '../../src/rules';
import { fixture } from './helpers';

describe('loading a valid multi-file rule set', () => {
  const ruleSet = loadRules(fixture('valid'));

  it('reads every *.yaml and *.yml file recursively, in sorted order, skipping dot-folders and other files', () => {
    const relative = ruleSet.files.map((file) => path.relative(fixture('valid'), file).split(path.sep).join('/'));
    expect(relative).toEqual(['notices/general.yml', 'notices/sharing-risk.yaml', 'regions.yaml']);
  });

  it('expands a region set defined in one file and used in another, nested sets included', () => {
    const notice = ruleSet.byId.get('sharing-risk-russia')!;
    const regions = notice.conditions[0]!.regions!;
    expect(regions.written).toEqual(['russia-and-occupied']);
    expect([...regions.countries]).toEqual(['RU']);
    expect([...regions.subdivisions].sort()).toEqual(['UA-09', 'UA-14', 'UA-23', 'UA-40', 'UA-43', 'UA-65']);
    expect(ruleSet.regionSets.get('russia-and-occupied')).toEqual(['RU', 'UA-09', 'UA-14', 'UA-23', 'UA-40', 'UA-43', 'UA-65']);
  });

  it('has the built-in sets: eu with 27 members, eea with IS, LI and NO on top', () => {
    const eu = ruleSet.regionSets.get('eu')!;
    const eea = ruleSet.regionSets.get('eea')!;
    expect(eu).toHaveLength(27);
    expect(eu).toContain('DE');
    expect(eu).not.toContain('GB');
    expect(eea).toHaveLength(30);
    expect(eea.filter((code) => !eu.includes(code))).toEqual(['IS', 'LI', 'NO']);
  });

  it('compiles every field of a notice, with tags lower-cased and dates parsed', () => {
    const notice = ruleSet.byId.get('sharing-risk-russia')!;
    expect(notice).toMatchObject({
      id: 'sharing-risk-russia',
      owner: 'legal@example.org',
      reference: 'https://example.org/legal-basis',
      reviewBy: '2099-06-30',
      priority: 100,
      active: { from: new Date('2024-02-20T00:00:00Z') },
      overrides: ['general-info'],
      placement: 'body-start',
      style: 'danger',
      defaultLanguage: 'en',
    });
    expect(Object.keys(notice.messages).sort()).toEqual(['en', 'ru', 'uk']);
    expect(notice.messages.en!.link).toEqual({ href: 'https://example.org/more', label: 'Find out more' });
    expect(notice.source).toEqual({ file: path.join(fixture('valid'), 'notices/sharing-risk.yaml'), line: 3, column: 5 });
  });

  it('compiles path globs into matchers on URL paths', () => {
    const condition = ruleSet.byId.get('sharing-risk-russia')!.conditions[0]!;
    expect(condition.notPaths!.globs).toEqual(['/api/**']);
    expect(condition.notPaths!.matchesEvery('/api/v1/items')).toBe(true);
    expect(condition.notPaths!.matchesEvery('/news/1')).toBe(false);
    expect(condition.paths).toBeUndefined();
  });

  it('fills in defaults and reads a list of conditions', () => {
    const general = ruleSet.byId.get('general-info')!;
    expect(general.priority).toBe(0);
    expect(general.conditions).toHaveLength(2);
    expect(general.conditions[0]).toMatchObject({ unknownLocation: 'skip' });
    expect(general.conditions[1]).toMatchObject({ unknownLocation: 'match', languages: ['de-ch'] });
    expect(general.conditions[1]!.paths!.matchesAny('/de/news')).toBe(true);
    expect(general.messages.ru).toEqual({ html: 'Мы не используем <b>отслеживающие</b> cookie.' });

    const everywhere = ruleSet.byId.get('everywhere')!;
    expect(everywhere).toMatchObject({ conditions: [], overrides: [], placement: 'none', style: 'warning', priority: 0 });
    expect(everywhere.active).toBeUndefined();
  });

  it('orders notices for display: priority descending, then id', () => {
    expect(ruleSet.notices.map((notice) => notice.id)).toEqual(['sharing-risk-russia', 'everywhere', 'general-info']);
  });

  it('keeps the tests with their location', () => {
    expect(ruleSet.tests).toHaveLength(2);
    expect(ruleSet.tests[0]).toMatchObject({
      name: 'a visitor in Crimea sees the warning in Russian',
      visitor: { country: 'UA', region: 'UA-43', accept_language: 'ru-RU,ru;q=0.9', path: '/news/1' },
      expect: { notices: ['sharing-risk-russia'], language: 'ru' },
    });
    expect(ruleSet.tests[1]!.visitor).toEqual({ ip: '5.183.68.7' });
    expect(ruleSet.tests[1]!.source).toMatchObject({ line: 30, column: 5 });
  });

  it('accepts a list of files, each given directly', () => {
    const files = ['regions.yaml', 'notices/sharing-risk.yaml', 'notices/general.yml'].map((name) => fixture('valid', name));
    const fromFiles = loadRules(files);
    expect(fromFiles.notices.map((notice) => notice.id)).toEqual(ruleSet.notices.map((notice) => notice.id));
  });

  it('reports no errors and no warnings for it', () => {
    const check = checkRules(fixture('valid'), { now: new Date('2026-01-01T00:00:00Z') });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.version).toBe(ruleSet.version);
  });
});
