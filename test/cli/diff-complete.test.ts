/**
 * `geonotice diff` as a change gate: every kind of change a reviewer must see makes `--exit-code`
 * fail, is shown once, and a change of bytes alone is named as such and passes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInProcess, runInProcessJson } from './run-cli';

interface DiffJson {
  verdict: string;
  moments: string[];
  paths: string[];
  changes: {
    region: string;
    language: string;
    path: string;
    at: string;
    added: string[];
    removed: string[];
    changed: string[];
  }[];
  settings: { notice: string; setting: string; old: string | null; new: string | null }[];
  wording: { notice: string; language: string; field: string; old: string | null; new: string | null }[];
  regionSets: { name: string; added: string[]; removed: string[] }[];
}

const BASE = `# The reviewed rules.
regions:
  watched: [RU]
notices:
  - id: news-warning
    description: A warning on the news pages.
    owner: legal@example.org
    reference: https://example.org/law-1
    active: { from: 2024-01-01 }
    when: { regions: [watched], paths: ["/news/**"] }
    default_language: en
    messages:
      en: { text: Reading this may carry a risk where you are. }
      ru: { text: Чтение может быть связано с риском. }
`;

let root: string;
let counter = 0;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'geonotice-diff-complete-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A rule directory holding one file with this text. */
function rules(text: string): string {
  const directory = path.join(root, `rules-${++counter}`);
  mkdirSync(directory);
  writeFileSync(path.join(directory, 'rules.yaml'), text);
  return directory;
}

const AT = ['--at', '2026-01-01'];

async function diff(before: string, after: string): Promise<{ code: number | null; markdown: string; json: DiffJson }> {
  const [oldDir, newDir] = [rules(before), rules(after)];
  const markdown = await runInProcess(['diff', oldDir, newDir, ...AT, '--exit-code']);
  const { json } = await runInProcessJson<DiffJson>(['diff', oldDir, newDir, ...AT]);
  return { code: markdown.code, markdown: markdown.stdout, json };
}

describe('geonotice diff finds every change a reviewer must see', () => {
  it('an activation window that now ends next month, a new owner and a new reference', async () => {
    const after = BASE.replace('active: { from: 2024-01-01 }', 'active: { from: 2024-01-01, until: 2026-02-01 }')
      .replace('owner: legal@example.org', 'owner: desk@example.org')
      .replace('law-1', 'law-2');
    const { code, markdown, json } = await diff(BASE, after);
    expect(code).toBe(1);
    expect(json.verdict).toBe('different');
    expect(json.moments).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    // Nothing differs today; from 2026-02-01 the notice is gone for its readers.
    expect(
      json.changes.every(
        (change) => change.at === '2026-02-01T00:00:00.000Z' && change.removed.join() === 'news-warning',
      ),
    ).toBe(true);
    expect(json.changes.some((change) => change.region === 'RU' && change.path === '/news/w')).toBe(true);
    expect(json.settings.map(({ setting, old, new: now }) => [setting, old, now])).toEqual([
      ['owner', 'legal@example.org', 'desk@example.org'],
      ['reference', 'https://example.org/law-1', 'https://example.org/law-2'],
      ['active', 'from 2024-01-01', '2024-01-01 to 2026-02-01 (not included)'],
    ]);
    expect(markdown).toContain('| `news-warning` | owner | legal@example.org | desk@example.org |');
    expect(markdown).toMatch(
      /\| unknown location, RU Russian Federation \| any \| `\/news`, `\/news\/w`, `\/news\/w\/w` \| from 2026-02-01 \| {2}\| `news-warning` \| {2}\|/,
    );
  });

  it('a new country on a notice limited to /news/**, with reworded text: deeper paths included, the edit shown once', async () => {
    const after = BASE.replace('regions: [watched]', 'regions: [watched, BY]').replace(
      'may carry a risk',
      'can be dangerous',
    );
    const { code, markdown, json } = await diff(BASE, after);
    expect(code).toBe(1);
    const belarus = json.changes.filter((change) => change.region === 'BY' && change.added.length > 0);
    expect([...new Set(belarus.map((change) => change.path))]).toEqual(['/news', '/news/w', '/news/w/w']);
    expect(json.changes.filter((change) => change.path === '/' || change.path === '/geonotice-other-path')).toEqual([]);
    expect(json.wording).toEqual([
      {
        notice: 'news-warning',
        language: 'en',
        field: 'text',
        old: 'Reading this may carry a risk where you are.',
        new: 'Reading this can be dangerous where you are.',
      },
    ]);
    // One wording edit, one table, however many visitors read it.
    expect(markdown.match(/`news-warning` in `en`/g)).toHaveLength(1);
    expect(markdown).toContain(
      '| text | Reading this ~~may carry a risk~~ where you are. | Reading this **can be dangerous** where you are. |',
    );
    expect(markdown).toContain('| BY Belarus | any | `/news`, `/news/w`, `/news/w/w` | `news-warning` |  |  |');
  });

  it('/news/* against /news/**: they differ on deeper paths and on /news itself', async () => {
    const { code, json } = await diff(BASE, BASE.replace('"/news/**"', '"/news/*"'));
    expect(code).toBe(1);
    expect([...new Set(json.changes.map((change) => change.path))].sort()).toEqual(['/news', '/news/w/w']);
    expect(json.changes.every((change) => change.removed.join() === 'news-warning')).toBe(true);
  });

  it('unknown locations: unknown_location changed from match to skip', async () => {
    const { code, json } = await diff(
      BASE,
      BASE.replace('paths: ["/news/**"] }', 'paths: ["/news/**"], unknown_location: skip }'),
    );
    expect(code).toBe(1);
    expect([...new Set(json.changes.map((change) => change.region))]).toEqual(['unknown']);
    expect(json.settings.map((change) => change.setting)).toEqual(['when']);
  });

  it('a region set whose members changed', async () => {
    const { code, json } = await diff(BASE, BASE.replace('watched: [RU]', 'watched: [RU, BY]'));
    expect(code).toBe(1);
    expect(json.regionSets).toEqual([{ name: 'watched', added: ['BY'], removed: [], status: 'changed' }]);
  });

  it('a new translation: who now reads it in their language', async () => {
    const after = BASE.replace('      ru: {', '      uk: { text: Читання може бути ризикованим. }\n      ru: {');
    const { code, markdown, json } = await diff(BASE, after);
    expect(code).toBe(1);
    expect(json.wording).toEqual([
      { notice: 'news-warning', language: 'uk', field: 'text', old: null, new: 'Читання може бути ризикованим.' },
    ]);
    expect(markdown).toContain('`news-warning` in uk, was en');
  });

  it('a named network narrowed: its lost addresses, and the network named in the settings', async () => {
    const networkRules = `networks:
  lab: [198.51.100.0/24, 2001:db8::/32]
notices:
  - id: lab-notice
    description: Shown on the lab network.
    owner: legal@example.org
    when: { networks: [lab] }
    messages:
      en: { text: You are on the lab network. }
`;
    const { code, markdown, json } = await diff(
      networkRules,
      networkRules.replace('198.51.100.0/24', '198.51.100.0/25'),
    );
    expect(code).toBe(1);
    const lost = json.changes.filter((change) => change.removed.join() === 'lab-notice');
    expect([...new Set(lost.map((change) => (change as unknown as { network: string }).network))]).toEqual([
      'lab 198.51.100.0/24 198.51.100.255',
    ]);
    expect(
      json.changes.every((change) => change.removed.join() === 'lab-notice' || change.added.join() === 'lab-notice'),
    ).toBe(true);
    expect((json as unknown as { networks: unknown }).networks).toEqual([
      { name: 'lab', added: ['198.51.100.0/25'], removed: ['198.51.100.0/24'], reprefixed: [], status: 'changed' },
    ]);
    expect(markdown).toContain('| `lab` | changed | 198.51.100.0/25 | 198.51.100.0/24 |  |');
    expect(markdown).toMatch(/\| everywhere \| any \| lab 198\.51\.100\.0\/24 \| {2}\| `lab-notice` \|/);
  });

  it('comments and formatting alone: named as such, and --exit-code passes', async () => {
    const reformatted = BASE.replace('# The reviewed rules.', '# The reviewed rules, with a longer comment.').replace(
      'when: { regions: [watched], paths: ["/news/**"] }',
      'when:\n      paths: ["/news/**"]   # the news section only\n      regions:\n        - watched',
    );
    const { code, markdown, json } = await diff(BASE, reformatted);
    expect(json.verdict).toBe('bytes-only');
    expect(code).toBe(0);
    expect(markdown).toContain('the files differ in bytes alone');
    expect(json.changes).toEqual([]);
  });
});
