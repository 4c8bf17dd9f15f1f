/**
 * The compiled form stands for the rules exactly: for the shipped rules and every loadable
 * fixture, the rule set read back from `compileRules`'s JSON (through JSON text, as an edge gets
 * it) has the same version and the same parts as the one `loadRules` gives, and `decide` and
 * `explain` agree between the two for random visitors: countries, subdivisions (some outside
 * their country), languages, paths in odd spellings, addresses inside and outside the rules'
 * networks, AS numbers, and moments around the active windows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { compileRules, decide, explain, loadCompiledRules, loadRules, type RuleSet } from '../../src';
import { formatIpv4, formatIpv6, parsePrefix } from '../../src/core/prefixes';
import type { Visitor } from '../../src/core/types';
import { ROOT } from '../cli/run-cli';

/** Every fixture directory whose rules load, with the shipped rules first. */
function ruleDirectories(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))) found.push(dir);
    else entries.filter((entry) => entry.isDirectory()).forEach((entry) => walk(path.join(dir, entry.name)));
  };
  walk(path.join(ROOT, 'test/fixtures'));
  const loadable = found.filter((dir) => {
    try {
      loadRules(dir);
      return true;
    } catch {
      return false;
    }
  });
  return [path.join(ROOT, 'rules'), ...loadable];
}

const DIRECTORIES = ruleDirectories();

/** A value with Maps, Sets, Dates, typed arrays and functions turned into plain data, key order kept. */
function canonical(value: unknown): unknown {
  if (value instanceof Map) return { map: [...(value as Map<unknown, unknown>)].map(([key, item]) => [key, canonical(item)]) };
  if (value instanceof Set) return { set: [...value].map(canonical) };
  if (value instanceof Date) return { date: value.toISOString() };
  if (ArrayBuffer.isView(value)) return { typed: value.constructor.name, values: Array.from(value as unknown as ArrayLike<number>) };
  if (typeof value === 'function') return 'function';
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return { prototype: Object.getPrototypeOf(value) === null ? 'none' : 'object', entries: Object.entries(value).map(([key, item]) => [key, canonical(item)]) };
  }
  return value;
}

function viaJsonText(ruleSet: RuleSet): RuleSet {
  return loadCompiledRules(JSON.stringify(compileRules(ruleSet)));
}

describe('the compiled form of a rule set', () => {
  it('finds the rule sets it compares', () => {
    expect(DIRECTORIES.map((dir) => path.relative(ROOT, dir))).toEqual(
      expect.arrayContaining(['rules', 'test/fixtures/compiled/everything', 'test/fixtures/rules/valid', 'test/fixtures/express/paths']),
    );
  });

  it.each(DIRECTORIES.map((dir) => [path.relative(ROOT, dir), dir]))('rebuilds %s as loadRules gives it', (_name, dir) => {
    const loaded = loadRules(dir);
    const compiled = compileRules(loaded);
    const rebuilt = loadCompiledRules(JSON.parse(JSON.stringify(compiled)));
    expect(rebuilt.version).toBe(loaded.version);
    expect(compiled.rulesVersion).toBe(loaded.version);
    expect(canonical(rebuilt)).toEqual(canonical(loaded));
    expect(rebuilt.notices.map((notice) => notice.conditions.map((condition) => condition.paths?.globs))).toEqual(
      loaded.notices.map((notice) => notice.conditions.map((condition) => condition.paths?.globs)),
    );
    // Compiling what was loaded back gives the same document: nothing is lost or added on the way.
    expect(compileRules(rebuilt)).toEqual(compiled);
  });

  it('carries the named region sets, the networks with their prefixes and the table’s provenance', () => {
    const compiled = compileRules(loadRules(path.join(ROOT, 'test/fixtures/compiled/everything')));
    expect(compiled.regions).toMatchObject({ occupied: ['UA-40', 'UA-43'], east: ['UA-09', 'UA-14', 'UA-40', 'UA-43'], baltics: ['EE', 'LT', 'LV'] });
    expect(compiled.networks.isps).toEqual([
      { entry: 'AS201776', label: 'Miranda-Media Ltd', prefixes: ['2.59.51.0/24', '2a04:f800::/29'] },
      { entry: 'AS28761', label: 'CrimeaCom South LLC', prefixes: ['91.194.163.0/24'] },
    ]);
    expect(compiled.networkTable).toMatchObject({ dataset: 'test data 1.0', date: '2026-06-17', attribution: 'made for a test' });
    expect(compiled.notices.map((notice) => notice.id)).toEqual(['occupied-warning', 'eu-notice', 'future-or-kyiv', 'everywhere']);
    expect(compiled.notices[0]).toMatchObject({
      active: { from: '2024-02-20T00:00:00.000Z', until: '2030-01-01T10:30:00.000Z' },
      when: [
        {
          regions: { written: ['RU', 'east'], countries: ['RU'], subdivisions: ['UA-43', 'UA-40', 'UA-14', 'UA-09'] },
          not_regions: { written: ['UA-09'], countries: [], subdivisions: ['UA-09'] },
          unknown_location: 'match',
        },
        { networks: ['isps'], not_networks: ['office'] },
      ],
      messages: { en: expect.any(Object), ru: expect.any(Object), uk: { text: 'Обережно.' } },
    });
    expect(compiled.tests).toHaveLength(2);
  });
});

const COUNTRIES = ['RU', 'UA', 'US', 'DE', 'FR', 'EE', 'LV', 'NO', 'KZ', 'BY', 'PT', 'BR', 'GB', 'XK'];
const SUBDIVISION_SUFFIXES = ['43', '40', '14', '09', '23', '65', '30', 'MOW', 'KDA', 'BE', 'CA', '75C'];
const LANGUAGES = ['ru', 'ru-ru', 'uk', 'uk-ua', 'en', 'en-gb', 'en-us', 'de', 'de-at', 'fr', 'pt', 'pt-br', 'pt-pt', 'kk', 'es'];
const PATHS = ['/', '/news/1', '/News/a/b', '/NEWS/x', '/api/x', '/news/..%2Fapi/x', '//api//x', '/shop/cart', '/shop/checkout', '/a.html', '/.well-known/x', '/blog/1', '/%41pi/x'];

/** Addresses inside the prefixes a rule set names (first, last and one inside), to reach its networks. */
function addressesIn(ruleSet: RuleSet): string[] {
  const addresses: string[] = [];
  for (const definition of ruleSet.networks?.values() ?? []) {
    for (const entry of definition.entries) {
      for (const text of entry.prefixes) {
        const parsed = parsePrefix(text);
        if (!parsed.ok) continue;
        const { prefix } = parsed;
        if (prefix.family === 4) addresses.push(formatIpv4(prefix.start), formatIpv4(prefix.end), formatIpv4(Math.floor((prefix.start + prefix.end) / 2)));
        else addresses.push(formatIpv6(prefix.start), formatIpv6(prefix.end));
      }
    }
  }
  return addresses;
}

/** The AS numbers a rule set names, and its active windows' edges, for the generators to hit. */
function asnsIn(ruleSet: RuleSet): number[] {
  return [...(ruleSet.networks?.values() ?? [])].flatMap((definition) => definition.entries.filter((entry) => entry.entry.startsWith('AS')).map((entry) => Number(entry.entry.slice(2))));
}

function edgesOf(ruleSet: RuleSet): Date[] {
  return ruleSet.notices.flatMap((notice) => [notice.active?.from, notice.active?.until].filter((moment): moment is Date => moment !== undefined)).flatMap((moment) => [new Date(moment.getTime() - 1), moment]);
}

function visitorArb(ruleSet: RuleSet): fc.Arbitrary<{ visitor: Visitor; now: Date }> {
  const addresses = addressesIn(ruleSet);
  const asns = asnsIn(ruleSet);
  const edges = edgesOf(ruleSet);
  const country = fc.option(fc.oneof(fc.constantFrom(...COUNTRIES), fc.stringMatching(/^[A-Z]{2}$/)), { freq: 5 });
  // Each family's inside addresses on their own, so the few IPv6 prefixes are reached as often as the many IPv4 ones.
  const inside = [addresses.filter((text) => !text.includes(':')), addresses.filter((text) => text.includes(':'))].filter((list) => list.length > 0);
  const address = fc.option(fc.oneof(...inside.map((list) => fc.constantFrom(...list)), fc.ipV4(), fc.ipV6(), fc.constantFrom('192.0.2.1', '2001:db8:1::5', '10.0.0.1')), { freq: 3 });
  const asn = fc.option(fc.oneof(...(asns.length > 0 ? [fc.constantFrom(...asns)] : []), fc.integer({ min: 1, max: 400_000 })), { freq: 2 });
  const now = fc.oneof(fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2032-12-31T23:59:59Z'), noInvalidDate: true }), ...(edges.length > 0 ? [fc.constantFrom(...edges)] : []));
  return fc
    .record({
      country,
      // Usually in the visitor's own country, sometimes in another one (geo data that disagrees with itself).
      regionCountry: fc.option(fc.constantFrom(...COUNTRIES), { freq: 4 }),
      suffix: fc.option(fc.constantFrom(...SUBDIVISION_SUFFIXES), { freq: 2 }),
      languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 4 }),
      path: fc.oneof(fc.constantFrom(...PATHS), fc.webPath().map((text) => (text.startsWith('/') ? text : `/${text}`))),
      address,
      asn,
      now,
    })
    .map(({ country: visitorCountry, regionCountry, suffix, languages, path: visitorPath, address: visitorAddress, asn: visitorAsn, now: moment }) => {
      const region = visitorCountry === null || suffix === null ? null : `${regionCountry ?? visitorCountry}-${suffix}`;
      const visitor: Visitor = { country: visitorCountry, region, languages, path: visitorPath, address: visitorAddress, ...(visitorAsn === null ? {} : { asn: visitorAsn }) };
      return { visitor, now: moment };
    });
}

describe('decisions from the compiled form', () => {
  it.each(DIRECTORIES.map((dir) => [path.relative(ROOT, dir), dir]))('agree with the YAML for %s, visitor by visitor', (_name, dir) => {
    const loaded = loadRules(dir);
    const rebuilt = viaJsonText(loaded);
    expect(rebuilt.version).toBe(loaded.version);
    fc.assert(
      fc.property(visitorArb(loaded), ({ visitor, now }) => {
        expect(decide(rebuilt, visitor, now)).toEqual(decide(loaded, visitor, now));
        expect(explain(rebuilt, visitor, now)).toEqual(explain(loaded, visitor, now));
      }),
      { numRuns: 200 },
    );
  });

});
