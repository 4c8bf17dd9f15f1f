/**
 * A compiled rule set that is not exactly what `compileRules` writes — another format version,
 * a hand edit, a cut-off file — is refused whole, with a `GeonoticeError` that names each
 * problem by its JSON path. Each case starts from the real compiled fixture and changes one thing.
 */
import * as path from 'node:path';
import { compileRules, GeonoticeError, loadCompiledRules, type CompiledRules } from '../../src';
import { loadRules } from '../../src/rules';
import { ROOT } from '../cli/run-cli';

const FIXTURE = compileRules(loadRules(path.join(ROOT, 'test/fixtures/compiled/everything')));

type Path = readonly (string | number)[];

/** Hand edits to a JSON document, by path: what someone with a text editor can do. */
interface Editor {
  get(path: Path): unknown;
  set(path: Path, value: unknown): void;
  remove(path: Path): void;
  append(path: Path, value: unknown): void;
}

/** A deep copy of the fixture's compiled JSON, changed by `edit`. */
function edited(edit: (json: Editor) => void): unknown {
  const document = JSON.parse(JSON.stringify(FIXTURE)) as unknown;
  const get = (path: Path): unknown => path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], document);
  const parentOf = (path: Path): Record<string | number, unknown> => get(path.slice(0, -1)) as Record<string | number, unknown>;
  edit({
    get,
    set: (path, value) => void (parentOf(path)[path[path.length - 1]!] = value),
    remove: (path) => void delete parentOf(path)[path[path.length - 1]!],
    append: (path, value) => void (get(path) as unknown[]).push(value),
  });
  return document;
}

/** The error loading `json` throws; fails the test when it loads. */
function loadError(json: unknown): GeonoticeError {
  try {
    loadCompiledRules(json);
  } catch (error) {
    expect(error).toBeInstanceOf(GeonoticeError);
    expect((error as GeonoticeError).code).toBe('GEONOTICE_RULES');
    return error as GeonoticeError;
  }
  throw new Error('expected the compiled rules to be refused, and they loaded');
}

describe('loadCompiledRules refuses', () => {
  it('loads the unchanged fixture, from the object and from its JSON text', () => {
    expect(loadCompiledRules(edited(() => {})).notices).toHaveLength(4);
    expect(loadCompiledRules(JSON.stringify(FIXTURE)).version).toBe(FIXTURE.rulesVersion);
  });

  it('a file cut off anywhere, saying it is not JSON', () => {
    const text = JSON.stringify(FIXTURE);
    for (const length of [0, 1, 100, Math.floor(text.length / 2), text.length - 1]) {
      expect(loadError(text.slice(0, length)).message).toMatch(/the compiled rules are not valid JSON \(.+\); is the file cut off\?/);
    }
  });

  it('another format version, naming both versions and the fix', () => {
    const error = loadError(edited((json) => json.set(['formatVersion'], 2)));
    expect(error.message).toContain('format version 2, and this version of geonotice reads version 1');
    expect(error.message).toContain('compile the rules again');
  });

  it('what is not compiled rules at all: a rule file’s YAML data, a list, nothing', () => {
    expect(loadError({ notices: [] }).message).toContain('expected compiled rules (the JSON that "geonotice compile" writes), got an object without "format"');
    expect(loadError([]).message).toContain('got a list');
    expect(loadError(undefined).message).toContain('got undefined');
  });

  it('a value of the wrong type, by its JSON path', () => {
    const error = loadError(edited((json) => json.set(['notices', 2, 'when', 0, 'regions', 'written'], 'UA-30')));
    expect(error.message).toContain('notices[2].when[0].regions.written: expected a list, got the string "UA-30"');
  });

  it('an unknown key, with the key it probably meant', () => {
    const error = loadError(edited((json) => json.set(['notices', 0, 'when', 0, 'regoins'], ['RU'])));
    expect(error.message).toContain('notices[0].when[0].regoins: unknown key (did you mean "regions"?)');
  });

  it('a missing key, a code of the wrong shape and an out-of-range number, all at once', () => {
    const error = loadError(
      edited((json) => {
        json.remove(['notices', 1, 'owner']);
        json.append(['regions', 'east'], 'ua-30');
        json.set(['notices', 0, 'source', 'line'], 0);
      }),
    );
    expect(error.message).toContain('(3 problems)');
    expect(error.message).toContain('notices[1]: missing "owner"');
    expect(error.message).toContain('regions.east[4]: expected a country or subdivision code such as "RU" or "UA-43", got "ua-30"');
    expect(error.message).toContain('notices[0].source.line: expected an integer of at least 1, got 0');
  });

  it('names that point nowhere: a region set, a network, an override', () => {
    const error = loadError(
      edited((json) => {
        json.remove(['regions', 'east']);
        json.set(['notices', 0, 'when', 1, 'networks'], ['isp']);
        json.set(['notices', 0, 'overrides'], ['eu-notices']);
      }),
    );
    expect(error.message).toContain('notices[0].when[0].regions.written[1]: unknown region set "east": it is not in "regions"');
    expect(error.message).toContain('notices[0].when[1].networks[0]: unknown network "isp": it is not in "networks"');
    expect(error.message).toContain('notices[0].overrides[0]: no notice has the id "eu-notices"');
  });

  it('region codes that are not what the written entries stand for', () => {
    const error = loadError(
      edited((json) => {
        json.set(['notices', 0, 'when', 0, 'regions', 'subdivisions'], ['UA-43', 'UA-40', 'UA-14', 'RU-MOW']);
        json.append(['notices', 1, 'when', 0, 'regions', 'countries'], 'AT');
        json.append(['regions', 'baltics'], 'UA');
      }),
    );
    expect(error.message).toContain('notices[0].when[0].regions.subdivisions: not the subdivisions that "written" stands for (missing UA-09; not written: RU-MOW)');
    expect(error.message).toContain('notices[1].when[0].regions.countries: not the countries that "written" stands for (missing UA; a code repeated)');
  });

  it('a duplicate id, and overrides that go round in a circle', () => {
    expect(loadError(edited((json) => json.set(['notices', 2, 'id'], 'occupied-warning'))).message).toContain('notices[2].id: duplicate notice id "occupied-warning" (also notices[0])');
    const cycle = loadError(edited((json) => json.set(['notices', 1, 'overrides'], ['occupied-warning'])));
    expect(cycle.message).toContain('notices: overrides form a cycle among notices: occupied-warning, eu-notice');
  });

  it('a message that cannot be shown as the YAML loader would refuse it', () => {
    const error = loadError(
      edited((json) => {
        json.set(['notices', 0, 'default_language'], 'de');
        json.set(['notices', 0, 'messages', 'en', 'link', 'href'], 'javascript:alert(1)');
        json.set(['notices', 0, 'messages', 'ru', 'html'], '<b>both</b>');
      }),
    );
    expect(error.message).toContain('notices[0].default_language: "de" is not one of the messages\' languages (en, ru, uk)');
    expect(error.message).toContain('notices[0].messages.en.link.href: link "href" must be an http(s) URL or a relative URL, not a "javascript:" URL');
    expect(error.message).toContain('notices[0].messages.ru: a message has either "text" or "html"');
  });

  it('a date where the format has an instant', () => {
    const error = loadError(edited((json) => json.set(['notices', 2, 'active', 'from'], '2031-01-01')));
    expect(error.message).toContain('notices[2].active.from: expected an ISO 8601 instant in UTC (2024-02-20T00:00:00.000Z), got "2031-01-01"');
  });

  it('dates, globs and prefixes that do not parse', () => {
    const error = loadError(
      edited((json) => {
        json.set(['notices', 0, 'active', 'until'], '2030-02-30T00:00:00.000Z');
        json.append(['notices', 1, 'when', 0, 'paths'], '/[a');
        json.set(['networks', 'isps', 0, 'prefixes', 0], '2.59.51.1/24');
        json.set(['networks', 'office', 0, 'prefixes'], ['192.0.2.0/25']);
      }),
    );
    expect(error.message).toContain('notices[0].active.until: "2030-02-30T00:00:00.000Z" is not a real date and time');
    expect(error.message).toMatch(/notices\[1\]\.when\[0\]\.paths\[3\]: path glob "\/\[a" is not a valid pattern/);
    expect(error.message).toContain('networks.isps[0].prefixes[0]: "2.59.51.1/24" has bits set after the prefix length (did you mean 2.59.51.0/24?)');
    expect(error.message).toContain('networks.office[0].prefixes: a prefix entry resolves to itself alone: expected ["192.0.2.0/24"]');
  });

  it('a language tag that is not lower case, as the loader writes every tag', () => {
    const error = loadError(edited((json) => json.set(['notices', 1, 'messages', 'pt-BR'], json.get(['notices', 1, 'messages', 'pt-br']))));
    expect(error.message).toContain('notices[1].messages: key "pt-BR" is not a lower-case BCP 47 language tag');
  });

  it('keys that could reach a prototype, in every map', () => {
    const error = loadError(JSON.stringify(FIXTURE).replace('"regions":{', '"regions":{"__proto__":["RU"],').replace('"messages":{', '"messages":{"constructor":{"text":"x"},'));
    expect(error.message).toContain('regions: key "__proto__" is not a region set name');
    expect(error.message).toContain('notices[0].messages: key "constructor" is not a lower-case BCP 47 language tag');
  });

  it('a garbled file with a bounded list of problems', () => {
    const error = loadError(edited((json) => [0, 1, 2, 3].forEach((index) => json.set(['notices', index, 'when'], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))));
    expect(error.message).toContain('(40 problems)');
    expect(error.message).toContain('… and 20 more');
    expect(error.message.split('\n')).toHaveLength(1 + 20 + 1);
  });
});

describe('a loaded compiled rule set', () => {
  it('is whole or absent: a problem in the last notice throws, rather than returning the first ones', () => {
    expect(() => loadCompiledRules(edited((json) => json.set(['notices', 3, 'style'], 'loud')))).toThrow(
      'notices[3].style: expected one of "info", "warning", "danger", got the string "loud"',
    );
  });

  it('does not change when the document it came from does', () => {
    const document = edited(() => {}) as CompiledRules;
    const ruleSet = loadCompiledRules(document);
    const before = JSON.stringify(compileRules(ruleSet));
    document.notices[1]!.when[0]!.paths!.push('/everything/**');
    document.regions.east!.push('RU-MOW');
    document.networks.isps![0]!.prefixes.push('10.0.0.0/8');
    document.notices[0]!.messages.en!.text = 'changed';
    expect(JSON.stringify(compileRules(ruleSet))).toBe(before);
  });

  it('leaves the document it was given as it was', () => {
    const document = edited(() => {});
    const copy = JSON.stringify(document);
    loadCompiledRules(document);
    expect(JSON.stringify(document)).toBe(copy);
  });
});
