import { decide } from '../../src/core/decide';
import { messagesIn, notice, ruleSetOf, visitor } from './factory';

const ids = (...args: Parameters<typeof decide>): string[] => decide(...args).map((n) => n.id);
const at = (iso: string): Date => new Date(iso);

describe('display order', () => {
  it('orders by priority descending, then id', () => {
    const rules = ruleSetOf(
      notice('b-low', { priority: -5 }),
      notice('c-mid'),
      notice('a-mid'),
      notice('z-top', { priority: 100 }),
    );
    expect(ids(rules, visitor())).toEqual(['z-top', 'a-mid', 'c-mid', 'b-low']);
  });

  it('keeps that order across notices from different index buckets', () => {
    const rules = ruleSetOf(
      notice('anywhere', { priority: 5 }),
      notice('country', { priority: 10, when: { regions: ['UA'] } }),
      notice('subdivision', { priority: 1, when: { regions: ['UA-43'] } }),
      notice('subdivision-high', { priority: 20, when: { regions: ['UA-43'] } }),
    );
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-43' }))).toEqual([
      'subdivision-high',
      'country',
      'anywhere',
      'subdivision',
    ]);
  });
});

describe('active window', () => {
  const rules = ruleSetOf(
    notice('windowed', { active: { from: at('2025-01-01'), until: at('2026-01-01') } }),
    notice('open-start', { active: { until: at('2026-01-01') } }),
    notice('open-end', { active: { from: at('2025-01-01') } }),
  );

  it('is half-open: from is included, until is not', () => {
    expect(ids(rules, visitor(), at('2025-01-01T00:00:00Z'))).toEqual(['open-end', 'open-start', 'windowed']);
    expect(ids(rules, visitor(), at('2025-12-31T23:59:59.999Z'))).toEqual(['open-end', 'open-start', 'windowed']);
    expect(ids(rules, visitor(), at('2026-01-01T00:00:00Z'))).toEqual(['open-end']);
    expect(ids(rules, visitor(), at('2024-12-31T23:59:59.999Z'))).toEqual(['open-start']);
  });

  it('uses the current time when no instant is given', () => {
    const now = Date.now();
    const current = ruleSetOf(
      notice('past', { active: { until: new Date(now - 60_000) } }),
      notice('present', { active: { from: new Date(now - 60_000), until: new Date(now + 3_600_000) } }),
    );
    expect(ids(current, visitor())).toEqual(['present']);
  });
});

describe('overrides', () => {
  it('a notice that applies suppresses the notices it overrides', () => {
    const rules = ruleSetOf(
      notice('specific', { overrides: ['general'], when: { regions: ['UA-43'] } }),
      notice('general', { when: { regions: ['UA'] } }),
    );
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-43' }))).toEqual(['specific']);
    expect(ids(rules, visitor({ country: 'UA', region: 'UA-30' }))).toEqual(['general']);
  });

  it('a suppressor that does not apply suppresses nothing', () => {
    const rules = ruleSetOf(notice('expired', { overrides: ['b'], active: { until: at('2020-01-01') } }), notice('b'));
    expect(ids(rules, visitor(), at('2025-06-01'))).toEqual(['b']);
  });

  it('is read literally along a chain: A over B over C leaves A and C', () => {
    // Priorities put the chain's ends first in display order, so the order of evaluation must
    // come from the override graph, not from display order.
    const rules = ruleSetOf(
      notice('a', { overrides: ['b'], priority: -1 }),
      notice('b', { overrides: ['c'], priority: 0 }),
      notice('c', { priority: 1 }),
    );
    expect(ids(rules, visitor())).toEqual(['c', 'a']);
  });

  it('when the head of a chain does not apply, the middle suppresses the tail', () => {
    const rules = ruleSetOf(
      notice('a', { overrides: ['b'], when: { regions: ['RU'] } }),
      notice('b', { overrides: ['c'] }),
      notice('c'),
    );
    expect(ids(rules, visitor({ country: 'DE' }))).toEqual(['b']);
    expect(ids(rules, visitor({ country: 'RU' }))).toEqual(['a', 'c']);
  });

  it('rejects a cycle when the rule set is built', () => {
    expect(() => ruleSetOf(notice('a', { overrides: ['b'] }), notice('b', { overrides: ['a'] }))).toThrow(
      /cycle.*a, b/,
    );
  });
});

describe('decided notices', () => {
  it('carry the message in the negotiated language, with placement and style', () => {
    const rules = ruleSetOf(
      notice('risk', {
        defaultLanguage: 'en',
        placement: 'body-end',
        style: 'danger',
        messages: {
          en: { title: 'Risk', text: 'Plain text', link: { href: 'https://example.org', label: 'More' } },
          ru: { html: '<b>Риск</b>' },
        },
      }),
    );
    expect(decide(rules, visitor({ languages: ['ru-ru'] }))).toEqual([
      { id: 'risk', language: 'ru', html: '<b>Риск</b>', placement: 'body-end', style: 'danger' },
    ]);
    expect(decide(rules, visitor({ languages: ['de'] }))).toEqual([
      {
        id: 'risk',
        language: 'en',
        title: 'Risk',
        text: 'Plain text',
        link: { href: 'https://example.org', label: 'More' },
        placement: 'body-end',
        style: 'danger',
      },
    ]);
  });

  it('picks each notice language on its own', () => {
    const rules = ruleSetOf(
      notice('both', { messages: messagesIn('en', 'uk', 'ru'), priority: 1 }),
      notice('russian-only', { messages: messagesIn('en', 'ru') }),
    );
    const decided = decide(rules, visitor({ languages: ['uk', 'ru'] }));
    expect(decided.map((n) => [n.id, n.language, n.text])).toEqual([
      ['both', 'uk', 'text in uk'],
      ['russian-only', 'ru', 'text in ru'],
    ]);
  });

  it('hands out frozen notices, so no caller can change what later decisions return', () => {
    const rules = ruleSetOf(notice('n', { messages: { en: { text: 't', link: { href: '/more', label: 'More' } } } }));
    const [first] = decide(rules, visitor());
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.link)).toBe(true);
    expect(() => {
      if (first?.link) first.link.href = '/changed';
    }).toThrow(TypeError);
    expect(decide(rules, visitor())[0]?.link?.href).toBe('/more');
  });
});
