import { decide } from '../../src/core/decide';
import { explain } from '../../src/core/explain';
import { messagesIn, notice, ruleSetOf, visitor } from './factory';

const at = (iso: string): Date => new Date(iso);

function reasonsOf(explanations: ReturnType<typeof explain>, id: string): string[] {
  const found = explanations.find((explanation) => explanation.id === id);
  if (found === undefined) throw new Error(`no explanation for ${id}`);
  return found.reasons;
}

describe('explain', () => {
  const occupied = ['UA-43', 'UA-40'];
  const rules = ruleSetOf(
    notice('sharing-risk', {
      priority: 100,
      messages: messagesIn('en', 'ru', 'uk'),
      when: [
        {
          regions: ['RU', 'UA-43', 'UA-40'],
          languages: ['ru', 'uk'],
        },
      ],
    }),
    notice('future', { active: { from: at('2027-01-01') } }),
    notice('general', { when: { regions: ['UA'] } }),
    notice('specific', { overrides: ['general'], when: { regions: occupied } }),
    notice('not-api', { when: { notPaths: ['/api/**'] } }),
  );
  const crimea = visitor({ country: 'UA', region: 'UA-43', languages: ['uk-ua', 'ru'] });
  const now = at('2026-03-01');

  it('lists every notice, applying ones first, each part in display order', () => {
    const explanations = explain(rules, crimea, now);
    expect(explanations.map((e) => [e.id, e.applies])).toEqual([
      ['sharing-risk', true],
      ['not-api', true],
      ['specific', true],
      ['future', false],
      ['general', false],
    ]);
  });

  it('gives the applying ids that decide returns', () => {
    const applying = explain(rules, crimea, now)
      .filter((e) => e.applies)
      .map((e) => e.id);
    expect(applying).toEqual(decide(rules, crimea, now).map((n) => n.id));
  });

  it('names the language each notice would be shown in', () => {
    const explanations = explain(rules, crimea, now);
    expect(explanations.find((e) => e.id === 'sharing-risk')?.language).toBe('uk');
    expect(explanations.find((e) => e.id === 'future')?.language).toBe('en');
  });

  it('says which region matched which list, and which language', () => {
    expect(reasonsOf(explain(rules, crimea, now), 'sharing-risk')).toEqual([
      'always active: no active window',
      'region UA-43 is in regions [RU, UA-43, UA-40] (condition 1)',
      'language uk-ua matches languages [ru, uk] (condition 1)',
    ]);
  });

  it('reports every failing key, with actual and expected values', () => {
    const berliner = visitor({ country: 'DE', region: 'DE-BE', languages: ['de', 'en'] });
    expect(reasonsOf(explain(rules, berliner, now), 'sharing-risk')).toEqual([
      'always active: no active window',
      'region DE-BE is not in regions [RU, UA-43, UA-40] (condition 1)',
      'languages [de, en] do not match languages [ru, uk] (condition 1)',
    ]);
    const german = visitor({ country: 'DE', languages: ['de'] });
    expect(reasonsOf(explain(rules, german, now), 'sharing-risk')).toContain(
      'language de does not match languages [ru, uk] (condition 1)',
    );
  });

  it('explains the active window', () => {
    expect(reasonsOf(explain(rules, crimea, now), 'future')[0]).toBe('not active yet: starts 2027-01-01');
    const later = ruleSetOf(notice('old', { active: { from: at('2024-02-20'), until: at('2025-01-01') } }));
    expect(reasonsOf(explain(later, crimea, now), 'old')[0]).toBe('no longer active: ended 2025-01-01');
    expect(reasonsOf(explain(later, crimea, at('2024-06-01')), 'old')[0]).toBe(
      'active: started 2024-02-20, ends 2025-01-01',
    );
  });

  it('names the notice that overrode another', () => {
    expect(reasonsOf(explain(rules, crimea, now), 'general')).toContain('overridden by notice "specific"');
  });

  it('explains an unknown location under both policies', () => {
    const unknown = visitor({ country: null, region: null });
    const policies = ruleSetOf(
      notice('match', { when: { regions: ['RU'] } }),
      notice('skip', { when: { regions: ['RU'], unknownLocation: 'skip' } }),
      notice('exclude', { when: { notRegions: ['RU'] } }),
    );
    const explanations = explain(policies, unknown, now);
    expect(reasonsOf(explanations, 'match')).toContain(
      'location unknown: regions holds because unknown_location is match (condition 1)',
    );
    expect(reasonsOf(explanations, 'skip')).toContain(
      'location unknown: regions does not hold because unknown_location is skip (condition 1)',
    );
    expect(reasonsOf(explanations, 'exclude')).toContain(
      'location unknown: not_regions holds because it excludes only known locations (condition 1)',
    );
  });

  it('explains paths, not_regions and not_languages', () => {
    const more = ruleSetOf(
      notice('n', {
        when: { paths: ['/news/**'], notPaths: ['/news/private/**'], notRegions: ['RU'], notLanguages: ['ru'] },
      }),
    );
    const reader = visitor({ country: 'RU', region: 'RU-MOW', languages: ['ru-ru'], path: '/news/private/1' });
    expect(reasonsOf(explain(more, reader, now), 'n')).toEqual([
      'always active: no active window',
      'country RU is in not_regions [RU] (condition 1)',
      'language ru-ru matches not_languages [ru] (condition 1)',
      'path /news/private/1 matches paths [/news/**] (condition 1)',
      'path /news/private/1 matches not_paths [/news/private/**] (condition 1)',
    ]);
  });

  it('summarises a list of conditions and explains a notice without conditions', () => {
    const listed = ruleSetOf(
      notice('either', { when: [{ regions: ['RU'] }, { languages: ['ru'] }] }),
      notice('everyone'),
    );
    const explanations = explain(listed, visitor({ country: 'DE', languages: ['ru'] }), now);
    expect(reasonsOf(explanations, 'either')).toEqual([
      'always active: no active window',
      'country DE is not in regions [RU] (condition 1)',
      'language ru matches languages [ru] (condition 2)',
      'condition 2 holds',
    ]);
    expect(reasonsOf(explanations, 'everyone')).toEqual([
      'always active: no active window',
      'no conditions: every visitor matches',
    ]);
  });
});
