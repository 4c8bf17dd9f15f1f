import { runCli, runCliJson } from './run-cli';
import golden from '../geo/golden-ips.json';

interface ExplainJson {
  visitor: { country: string | null; region: string | null; languages: string[]; source: string };
  rulesVersion: string;
  notices: {
    id: string;
    applies: boolean;
    language: string;
    languageFallback: boolean;
    reasons: string[];
    sentences: string[];
  }[];
}

/** An address the pinned geo data puts in Crimea, taken from the golden table rather than assumed. */
function addressIn(region: string): string {
  const entries = (golden as unknown as { entries: { ip: string; region?: string }[] }).entries;
  const entry = entries.find((candidate) => candidate.region === region && !candidate.ip.includes(':'));
  if (!entry) throw new Error(`no golden address for ${region}`);
  return entry.ip;
}

describe('geonotice explain', () => {
  it('shows a Crimean address the warning in Ukrainian, with its reasons and text', () => {
    const result = runCli(['explain', '--ip', addressIn('UA-43'), '--accept-language', 'uk', 'rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('visitor:   UA-43 Avtonomna Respublika Krym');
    expect(result.stdout).toContain('APPLIES  sharing-risk-russia (in uk)');
    expect(result.stdout).toContain('The visitor is in UA-43 Avtonomna Respublika Krym, which this notice covers');
    expect(result.stdout).toContain('небажаною організацією');
  });

  it('prints the JSON shape other tools rely on', () => {
    const { code, json } = runCliJson<ExplainJson>([
      'explain',
      '--country',
      'ua',
      '--region',
      'ua-43',
      '--accept-language',
      'ru-RU,ru;q=0.9',
      'rules',
    ]);
    expect(code).toBe(0);
    expect(json.visitor).toMatchObject({ country: 'UA', region: 'UA-43', languages: ['ru-ru', 'ru'], source: 'given' });
    expect(json.rulesVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(json.notices).toEqual([
      {
        id: 'sharing-risk-russia',
        applies: true,
        language: 'ru',
        languageFallback: false,
        reasons: expect.any(Array),
        sentences: expect.any(Array),
      },
    ]);
  });

  it('says why nothing applies in Kyiv', () => {
    const { json } = runCliJson<ExplainJson>(['explain', '--country', 'UA', '--region', 'UA-30', 'rules']);
    expect(json.notices[0]).toMatchObject({ id: 'sharing-risk-russia', applies: false });
    expect(json.notices[0]?.reasons.join('\n')).toContain('UA-30');
  });

  it('decides as of --at: before the notice started, it does not apply', () => {
    const { json } = runCliJson<ExplainJson>(['explain', '--country', 'RU', '--at', '2024-01-01', 'rules']);
    expect(json.notices[0]?.applies).toBe(false);
    expect(json.notices[0]?.reasons.join('\n')).toMatch(/not active yet/);
  });

  it('reports an address the data does not place as an unknown location', () => {
    const { json } = runCliJson<ExplainJson>(['explain', '--ip', '10.1.2.3', 'rules']);
    expect(json.visitor).toMatchObject({ country: null, region: null, source: 'geoip-lite' });
    expect(json.notices[0]?.applies).toBe(true);
  });

  it.each([
    [['explain', 'rules'], 'say who the visitor is'],
    [['explain', '--ip', '8.8.8.8', '--country', 'US', 'rules'], 'not both'],
    [['explain', '--country', 'RU', '--region', 'UA-43', 'rules'], 'not in country RU'],
    [['explain', '--country', 'RU', '--at', 'yesterday', 'rules'], 'ISO 8601'],
  ])('treats %j as a usage error', (args, message) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 1 and lists the problems when the rules are invalid', () => {
    const result = runCli(['explain', '--country', 'RU', 'test/fixtures/rules/misspelt-key']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('misspelt-key/rules.yaml:6:7');
  });
});

describe('geonotice', () => {
  it('lists its commands with --help and exits 2 without a command', () => {
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('explain') });
    expect(runCli([]).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});
