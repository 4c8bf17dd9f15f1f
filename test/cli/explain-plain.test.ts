/**
 * `explain` for an auditor who does not read rule files: plain sentences with regions named in
 * words, the language fallback said, an unknown subdivision said; the machine lines stay in
 * `--json`, with the geo data's and the network table's dates.
 */
import { run } from '../../src/cli/run';
import { SHIPPED_RULES_DIR } from '../helpers/geonotice-app';

interface Explained {
  visitor: { place: string; address: string | null; asn: number | null };
  geoData: { name: string; builtAt: string; ageDays: number } | null;
  networkTable: { dataset: string; date: string; ageDays: number; attribution: string } | null;
  notices: {
    id: string;
    applies: boolean;
    language: string;
    languageFallback: boolean;
    reasons: string[];
    sentences: string[];
  }[];
}

async function explain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['explain', ...args, SHIPPED_RULES_DIR], {
    stdout: (text) => void (stdout += `${text}\n`),
    stderr: (text) => void (stderr += `${text}\n`),
  });
  return { code, stdout, stderr };
}

async function explainJson(...args: string[]): Promise<Explained> {
  return JSON.parse((await explain(...args, '--json')).stdout) as Explained;
}

describe('explain in plain sentences', () => {
  it('says an unknown location in words, and keeps the rule’s terms in --json', async () => {
    const text = (await explain('--ip', '10.1.2.3')).stdout;
    expect(text).toContain(
      'Where the visitor is could not be determined, and this notice is set to show whenever that happens',
    );
    expect(text).not.toContain('unknown_location is match');
    const json = await explainJson('--ip', '10.1.2.3');
    expect(json.notices[0]?.reasons).toContain(
      'location unknown: regions holds because unknown_location is match (condition 1)',
    );
  });

  it('names regions in words', async () => {
    const text = (await explain('--country', 'UA', '--region', 'UA-40')).stdout;
    expect(text).toContain('visitor:   UA-40 Sevastopol');
    expect(text).toContain(
      'Condition 1: The visitor is in UA-40 Sevastopol, which this notice covers (RU Russian Federation, russia-occupied-ukraine).',
    );
  });

  it('says when the message falls back to the default language, and when it does not', async () => {
    const german = await explain('--country', 'RU', '--accept-language', 'de-DE,de;q=0.9');
    expect(german.stdout).toContain('It is shown in en, its default language: it has no message in de-de, de.');
    expect((await explainJson('--country', 'RU', '--accept-language', 'de')).notices[0]?.languageFallback).toBe(true);
    const russian = await explainJson('--country', 'RU', '--accept-language', 'ru');
    expect(russian.notices[0]).toMatchObject({ language: 'ru', languageFallback: false });
    expect(russian.notices[0]?.sentences).toContain('It is shown in ru, a language the visitor reads.');
  });

  it('says "subdivision unknown" for a visitor known only by country', async () => {
    const text = (await explain('--country', 'UA')).stdout;
    expect(text).toContain('visitor:   UA Ukraine (subdivision unknown)');
    expect(text).toContain('but the geo data does not say where in UA (subdivision unknown)');
    const json = await explainJson('--country', 'UA');
    expect(json.notices[0]?.reasons).toContain(
      'country UA, subdivision unknown, is not in regions [RU, russia-occupied-ukraine] (condition 1)',
    );
  });

  it('accepts Kosovo (XK) and names it', async () => {
    const json = await explainJson('--country', 'XK');
    expect(json.visitor.place).toBe('XK Kosovo');
    expect(json.notices[0]?.sentences.join('\n')).toContain(
      'The visitor is in XK Kosovo, which this notice does not cover',
    );
  });

  it('matches an AS number a platform reports', async () => {
    const json = await explainJson('--country', 'DE', '--asn', '201776');
    expect(json.visitor.asn).toBe(201776);
    expect(json.notices[0]?.applies).toBe(true);
    expect(json.notices[0]?.reasons).toContain(
      'AS number 201776 is in network occupied-ukraine-isps: AS201776 (Miranda-Media Ltd) (condition 2)',
    );
  });
});

describe('what the data behind a decision is, and how old', () => {
  it('gives the geo data’s build date and age and the network table’s date in --json', async () => {
    const json = await explainJson('--ip', '31.135.112.1');
    expect(json.geoData).toEqual({
      name: 'geoip-lite 1.4.10 (MaxMind GeoLite2)',
      builtAt: '2023-11-15',
      ageDays: expect.any(Number),
    });
    expect(json.geoData?.ageDays).toBeGreaterThan(365);
    expect(json.networkTable).toMatchObject({
      dataset: '@ip-location-db/asn 2.3.2026061719',
      date: '2026-06-17',
      ageDays: expect.any(Number),
    });
    expect(json.networkTable?.attribution).toContain('CC BY 4.0');
    expect(json.visitor.address).toBe('31.135.112.1');
  });

  it('has no geo data for a visitor given by country', async () => {
    expect((await explainJson('--country', 'RU')).geoData).toBeNull();
  });

  it('warns on standard error that the bundled geo data is stale', async () => {
    const { code, stderr } = await explain('--ip', '8.8.8.8');
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^warning: the geo data \(geoip-lite 1\.4\.10 \(MaxMind GeoLite2\)\) is from 2023-11-15, \d+ days old/m,
    );
  });
});

describe('explain with the site’s own database', () => {
  it('locates --ip with --mmdb and gives that database’s name and date', async () => {
    const file = require.resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb');
    const json = await explainJson('--ip', '31.135.112.1', '--mmdb', file);
    expect(json.visitor.place).toBe('UA Ukraine (subdivision unknown)');
    expect(json.geoData).toEqual({ name: 'country ipvAll', builtAt: '2026-06-17', ageDays: expect.any(Number) });
    expect(json.notices[0]?.reasons).toContain(
      'country UA, subdivision unknown, is not in regions [RU, russia-occupied-ukraine] (condition 1)',
    );
  });

  it('treats a database it cannot read as a usage error', async () => {
    const result = await explain('--ip', '8.8.8.8', '--mmdb', '/nonexistent/GeoLite2-City.mmdb');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mmdbProvider: cannot read /nonexistent/GeoLite2-City.mmdb (ENOENT)');
  });
});
