/**
 * `networks` in rule files: what loads, how a decision uses it, and every mistake reported with
 * its file, line and column.
 */
import path from 'node:path';
import { checkRules, decide, explain, loadRules } from '../../src';
import { createVarianceLookup } from '../../src/core/variance';
import { decisionReadsAddress } from '../../src/core/decide';
import { relativeProblem, removeTempDirs, tempRules } from '../rules/helpers';

afterAll(removeTempDirs);

const TABLE = [
  'network_table:',
  '  dataset: test data 1.0',
  '  date: 2026-06-17',
  '  attribution: made for a test',
  '  systems:',
  '    AS201776:',
  '      name: Miranda-Media Ltd',
  '      prefixes: [2.59.51.0/24, 2a04:f800::/29]',
  '    AS28761:',
  '      name: CrimeaCom South LLC',
  '      prefixes: [91.194.163.0/24]',
].join('\n');

function notice(when: string): string {
  return [
    'notices:',
    '  - id: isp-notice',
    '    description: A notice made for a test.',
    '    owner: legal@example.org',
    `    when: ${when}`,
    '    messages:',
    '      en: { text: Careful. }',
  ].join('\n');
}

/** The problems of a rule set, as `dir-relative-file:line:column: message`. */
function problems(files: Record<string, string>): string[] {
  const dir = tempRules(files);
  return checkRules(dir).errors.map((problem) => relativeProblem(problem, dir));
}

const visitor = (address: string | null, asn?: number) => ({
  country: null,
  region: null,
  languages: [],
  path: '/',
  address,
  ...(asn ? { asn } : {}),
});

describe('networks that load', () => {
  const dir = tempRules({
    'networks/table.yaml': TABLE,
    'rules.yaml': [
      'networks:',
      '  isps: [AS201776, AS28761]',
      '  office: [192.0.2.0/24, "2001:db8:1::/48"]',
      notice('{ networks: [isps], not_networks: [office] }'),
    ].join('\n'),
  });
  const ruleSet = loadRules(dir);
  const ids = (address: string | null, asn?: number): string[] =>
    decide(ruleSet, visitor(address, asn)).map((n) => n.id);

  it('matches an address in an AS number’s prefixes, IPv4 and IPv6', () => {
    expect(ids('2.59.51.7')).toEqual(['isp-notice']);
    expect(ids('91.194.163.255')).toEqual(['isp-notice']);
    expect(ids('2a04:f807:ffff::1')).toEqual(['isp-notice']);
  });

  it('matches nothing just outside them, and nothing without an address', () => {
    expect(ids('2.59.52.0')).toEqual([]);
    expect(ids('2.59.50.255')).toEqual([]);
    expect(ids('2a04:f808::1')).toEqual([]);
    expect(ids(null)).toEqual([]);
  });

  it('matches an AS number the platform reports, with no address', () => {
    expect(ids(null, 28761)).toEqual(['isp-notice']);
    expect(ids(null, 13335)).toEqual([]);
  });

  it('keeps the network table’s provenance and the resolved networks on the rule set', () => {
    expect(ruleSet.networkTable).toMatchObject({ dataset: 'test data 1.0', date: '2026-06-17' });
    expect(ruleSet.networks?.get('isps')?.entries.map((entry) => [entry.entry, entry.label])).toEqual([
      ['AS201776', 'Miranda-Media Ltd'],
      ['AS28761', 'CrimeaCom South LLC'],
    ]);
  });

  it('explains which network and entry matched, and what not_networks found', () => {
    const [explained] = explain(ruleSet, visitor('2.59.51.7'));
    expect(explained?.reasons).toContain(
      'address 2.59.51.7 is in network isps: AS201776 (Miranda-Media Ltd) (condition 1)',
    );
    expect(explained?.reasons).toContain('address 2.59.51.7 is in none of not_networks [office] (condition 1)');
  });

  it('tells the response path that such a decision depends on the address', () => {
    expect(createVarianceLookup(ruleSet)('/')).toMatchObject({
      region: true,
      address: true,
      language: false,
      any: true,
    });
  });

  it('counts the table in the rules version', () => {
    const other = tempRules({
      'networks/table.yaml': TABLE.replace('91.194.163.0/24', '91.194.162.0/23'),
      'rules.yaml': [
        'networks:',
        '  isps: [AS201776, AS28761]',
        '  office: [192.0.2.0/24, "2001:db8:1::/48"]',
        notice('{ networks: [isps], not_networks: [office] }'),
      ].join('\n'),
    });
    expect(loadRules(other).version).not.toBe(ruleSet.version);
  });
});

describe('mistakes in networks', () => {
  it('names an AS number the table does not know, and one without any table', () => {
    expect(problems({ 't.yaml': TABLE, 'r.yaml': ['networks:', '  isps: [AS201776, AS64500]'].join('\n') })).toEqual(
      ['r.yaml:2:20: AS64500 is not in the network table (' + expect.any(String)].map((): unknown =>
        expect.stringMatching(
          /^r\.yaml:2:20: AS64500 is not in the network table \(.*t\.yaml, test data 1\.0, data of 2026-06-17\)/,
        ),
      ),
    );
    expect(problems({ 'r.yaml': ['networks:', '  isps: [AS201776]'].join('\n') })).toEqual([
      expect.stringMatching(/^r\.yaml:2:10: AS201776 needs the network table, and this rule set has none/),
    ]);
  });

  it('rejects malformed prefixes, host bits and lengths out of range', () => {
    expect(
      problems({
        'r.yaml': [
          'networks:',
          '  lab: [10.0.0.1/8, 10.0.0.0/33, 300.1.1.0/24, "2001:db8::1/32", "1:2:3:4:5:6:7:8:9/32"]',
        ].join('\n'),
      }),
    ).toEqual([
      'r.yaml:2:9: "10.0.0.1/8" has bits set after the prefix length (did you mean 10.0.0.0/8?)',
      'r.yaml:2:21: "10.0.0.0/33": the prefix length must be a number from 0 to 32',
      'r.yaml:2:34: "300.1.1.0/24": "300.1.1.0" is not an IPv4 address',
      'r.yaml:2:48: "2001:db8::1/32" has bits set after the prefix length (did you mean 2001:db8::/32?)',
      'r.yaml:2:66: "1:2:3:4:5:6:7:8:9/32": "1:2:3:4:5:6:7:8:9" is not an IPv6 address',
    ]);
    expect(problems({ 'r.yaml': ['networks:', '  lab: [10.0.0.0, "2001:zz::/32"]'].join('\n') })).toEqual([
      'r.yaml:2:9: "10.0.0.0" is neither an AS number (AS201776) nor a CIDR prefix (2.60.0.0/14, 2a02:2698::/32)',
      'r.yaml:2:19: "2001:zz::/32" is neither an AS number (AS201776) nor a CIDR prefix (2.60.0.0/14, 2a02:2698::/32)',
    ]);
  });

  it('rejects prefixes of one list that overlap, IPv4 and IPv6', () => {
    expect(
      problems({
        'r.yaml': [
          'networks:',
          '  lab: [10.0.0.0/8, 192.0.2.0/24, 10.1.0.0/16, "2001:db8::/32", "2001:db8:5::/48"]',
        ].join('\n'),
      }),
    ).toEqual([
      expect.stringMatching(
        /^r\.yaml:2:35: prefix 10\.1\.0\.0\/16 overlaps 10\.0\.0\.0\/8 in network "lab" \(at .*r\.yaml:2:9\); keep one$/,
      ),
      expect.stringMatching(
        /^r\.yaml:2:65: prefix 2001:db8:5::\/48 overlaps 2001:db8::\/32 in network "lab" \(at .*r\.yaml:2:48\); keep one$/,
      ),
    ]);
  });

  it('names an unknown network in a condition, with a suggestion', () => {
    expect(
      problems({ 'r.yaml': ['networks:', '  office: [192.0.2.0/24]', notice('{ networks: [ofice] }')].join('\n') }),
    ).toEqual(['r.yaml:7:24: unknown network "ofice" (did you mean "office"?)']);
  });

  it('refuses a network defined twice and a second network table', () => {
    const found = problems({
      'a.yaml': ['networks:', '  office: [192.0.2.0/24]', TABLE].join('\n'),
      'b.yaml': ['networks:', '  office: [198.51.100.0/24]', TABLE].join('\n'),
    });
    expect(found).toEqual([
      expect.stringMatching(/^b\.yaml:2:3: network "office" is defined twice \(also at .*a\.yaml:2:3\)$/),
      expect.stringMatching(/^b\.yaml:3:1: a rule set has one network table; another is at .*a\.yaml:3:1$/),
    ]);
  });
});

describe('what the response path learns: whether a decision may read the address', () => {
  const ruleSet = loadRules(path.join(__dirname, '../../rules'));

  it.each([
    [{ country: 'RU', region: null }, false],
    [{ country: 'RU', region: 'RU-MOW' }, false],
    [{ country: 'UA', region: 'UA-43' }, false],
    [{ country: null, region: null }, false],
    [{ country: 'UA', region: null }, true],
    [{ country: 'UA', region: 'UA-30' }, true],
    [{ country: 'CZ', region: 'CZ-10' }, true],
  ])('%j: %s', (where, reads) => {
    expect(decisionReadsAddress(ruleSet, where)).toBe(reads);
  });
});
