/**
 * `geonotice audit` on a log written by a real server under load: a few thousand requests from
 * several visitors (placed by their addresses through `trust proxy` and X-Forwarded-For, and one
 * QA preview), then the same log with one line altered, one removed and two swapped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { geonotice } from '../../src';
import { createPreviewToken } from '../../src/preview/token';
import { CRIMEA_IP, US_IP } from '../browser/visitors';
import { listen, PAGE, SHIPPED_RULES_DIR, SHIPPED_NOTICE } from '../helpers/geonotice-app';
import { runCli, runInProcess } from './run-cli';

interface AutocannonRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
}
interface AutocannonResult {
  requests: { total: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  maxConnectionRequests: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = require('autocannon') as Autocannon;

interface AuditJson {
  verification: {
    ok: boolean;
    chains: { lines: number; ended: boolean; keyed: boolean | null }[];
    problems: { file: string; line: number; kind: string; message: string }[];
  };
  totals: { records: number; previews: number; prefetches: number; withoutNotice: number; dropped: number };
  rows: {
    day: string;
    notice: string;
    region: string;
    language: string;
    rulesVersion: string;
    shown: number;
    headerOnly: number;
    prefetched: number;
  }[];
}

const SECRET = 'a-long-enough-preview-secret';
const KEY = 'an-audit-key-of-at-least-32-characters!';
const CONNECTIONS = 5;
/** Each connection cycles through the visitors this many times: every visitor makes the same number of requests. */
const ROUNDS = 100;
/** One round of visitors; autocannon cycles through them on every connection, in order. */
const VISITORS: AutocannonRequest[] = [
  { path: '/news/1', headers: { 'x-forwarded-for': CRIMEA_IP, 'accept-language': 'ru' } },
  { path: '/news/2', headers: { 'x-forwarded-for': CRIMEA_IP, 'accept-language': 'uk' } },
  { path: '/news/3', headers: { 'x-forwarded-for': US_IP, 'accept-language': 'en' } },
  { path: '/api/status', headers: { 'x-forwarded-for': CRIMEA_IP } },
  { path: '/news/4', headers: { 'x-forwarded-for': CRIMEA_IP, 'sec-purpose': 'prefetch' } },
  {
    path: '/news/5',
    headers: {
      'x-forwarded-for': US_IP,
      'geonotice-preview': createPreviewToken(
        { country: 'RU', lang: 'ru', exp: Math.floor(Date.now() / 1000) + 3600 },
        SECRET,
      ),
    },
  },
];
const REQUESTS = CONNECTIONS * ROUNDS * VISITORS.length;

let directory: string;
let plainLog: string;
let keyedLog: string;
let today: string;

/** Runs a server with the audit log under load, then closes the middleware (which ends the chain). */
async function logUnderLoad(file: string, key?: string): Promise<AutocannonResult> {
  const middleware = geonotice({
    rules: SHIPPED_RULES_DIR,
    preview: { secret: SECRET },
    audit: key === undefined ? file : { path: file, key },
  });
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(middleware);
  app.get('/api/status', (_req, res) => res.json({ ok: true }));
  app.get('/news/:id', (_req, res) => res.send(PAGE));
  const server = await listen(app);
  try {
    return await autocannon({
      url: `http://127.0.0.1:${server.port}`,
      connections: CONNECTIONS,
      maxConnectionRequests: ROUNDS * VISITORS.length,
      requests: VISITORS,
    });
  } finally {
    await server.close();
    await middleware.close();
  }
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'geonotice-audit-command-'));
  plainLog = path.join(directory, 'decisions.jsonl');
  keyedLog = path.join(directory, 'keyed.jsonl');
  today = new Date().toISOString().slice(0, 10);
  const result = await logUnderLoad(plainLog);
  expect(result.requests.total).toBe(REQUESTS);
  expect(result.errors + result.non2xx).toBe(0);
  await logUnderLoad(keyedLog, KEY);
}, 60_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function auditJson(args: readonly string[]): Promise<{ code: number | null; json: AuditJson }> {
  const result = await runInProcess(['audit', ...args, '--json']);
  return { code: result.code, json: JSON.parse(result.stdout) as AuditJson };
}

/** A copy of the plain log with its lines changed by `edit`; returns its path. */
function tampered(name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(plainLog, 'utf8').trimEnd().split('\n');
  edit(lines);
  const file = path.join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The 1-based number of the first decision record line shown to a visitor in Crimea, after `after`. */
function recordLine(lines: readonly string[], after = 100): number {
  const index = lines.findIndex((line, i) => i >= after && line.includes(`"shown":[{"id":"${SHIPPED_NOTICE}"`));
  return index + 1;
}

describe('geonotice audit on a log written under load', () => {
  it('verifies the chain and counts what was shown, per notice, region, language, day and rules version', async () => {
    const { code, json } = await auditJson([plainLog]);
    expect(code).toBe(0);
    expect(json.verification).toMatchObject({ ok: true, problems: [] });
    expect(json.verification.chains).toHaveLength(1);
    // Start, records, checkpoints every 1000, end.
    expect(json.verification.chains[0]).toMatchObject({ lines: REQUESTS + 2 + 3, ended: true, keyed: false });
    expect(json.totals).toMatchObject({
      records: REQUESTS,
      previews: REQUESTS / 6,
      prefetches: REQUESTS / 6,
      dropped: 0,
    });

    const shown = (language: string) =>
      json.rows.find((row) => row.notice === SHIPPED_NOTICE && row.region === 'UA-43' && row.language === language);
    const round = REQUESTS / VISITORS.length;
    expect(shown('ru')).toMatchObject({
      day: today,
      shown: round,
      headerOnly: 0,
      prefetched: 0,
      rulesVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(shown('uk')).toMatchObject({ shown: round });
    // The prefetch of a page: counted apart, in the default language.
    expect(shown('en')).toMatchObject({ shown: 0, prefetched: round });
    // The JSON response is not a page: no notice, not even the header, so it counts nowhere; the
    // preview (Russia, per its token) is left out.
    expect(json.rows.every((row) => row.headerOnly === 0)).toBe(true);
    expect(json.rows.reduce((sum, row) => sum + row.shown + row.headerOnly + row.prefetched, 0)).toBe(3 * round);
    expect(json.rows.some((row) => row.region === 'RU')).toBe(false);
  });

  it('prints a Markdown summary, and CSV rows', async () => {
    const markdown = await runInProcess(['audit', plainLog]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(
      `**Verified:** 1 chain, ${REQUESTS + 5} lines, every line in place and unaltered.`,
    );
    expect(markdown.stdout).toMatch(
      new RegExp(
        `\\| ${today} \\| \`${SHIPPED_NOTICE}\` \\| UA-43 \\S.* \\| ru \\| \`[0-9a-f]{16}\` \\| ${REQUESTS / 6} \\| 0 \\| 0 \\|`,
      ),
    );
    const csv = await runInProcess(['audit', plainLog, '--csv']);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    expect(header).toBe(
      'day,notice,region,regionName,language,rulesVersion,shown,headerOnly,prefetched,firstSeen,lastSeen',
    );
    expect(rows.some((row) => row.startsWith(`${today},${SHIPPED_NOTICE},UA-43,`) && row.includes(`,ru,`))).toBe(true);
  });

  it('counts only the records in --from/--to', async () => {
    const { json } = await auditJson([plainLog, '--to', '2000-01-01']);
    expect(json.totals.records).toBe(0);
    expect((await auditJson([plainLog, '--from', today, '--to', today])).json.totals.records).toBe(REQUESTS);
  });

  it('finds one line altered, and says where', async () => {
    let altered = 0;
    const file = tampered('altered.jsonl', (lines) => {
      altered = recordLine(lines);
      lines[altered - 1] = (lines[altered - 1] as string).replace('"status":200', '"status":404');
    });
    const { code, json } = await auditJson([file]);
    expect(code).toBe(1);
    expect(json.verification.problems).toEqual([expect.objectContaining({ file, line: altered, kind: 'altered' })]);
    const text = await runInProcess(['audit', file]);
    expect(text.stdout).toContain(
      `- ${file}:${altered}: altered: does not match the hash that seq ${altered} (${file}:${altered + 1}) carries`,
    );
  });

  it('finds one line removed, and says where', async () => {
    let removed = 0;
    const file = tampered('removed.jsonl', (lines) => {
      removed = recordLine(lines, 500);
      lines.splice(removed - 1, 1);
    });
    const { code, json } = await auditJson([file]);
    expect(code).toBe(1);
    expect(json.verification.problems).toEqual([
      expect.objectContaining({
        file,
        line: removed,
        kind: 'removed',
        message: `1 line (seq ${removed - 1}) is missing between ${file}:${removed - 1} and here: removed`,
      }),
    ]);
  });

  it('finds two lines swapped, and says where', async () => {
    let first = 0;
    const file = tampered('swapped.jsonl', (lines) => {
      first = recordLine(lines, 1500);
      [lines[first - 1], lines[first]] = [lines[first] as string, lines[first - 1] as string];
    });
    const { code, json } = await auditJson([file]);
    expect(code).toBe(1);
    expect(json.verification.problems).toEqual([
      expect.objectContaining({
        file,
        line: first + 1,
        kind: 'reordered',
        message: `seq ${first - 1} comes after seq ${first} (${file}:${first}): lines are out of order`,
      }),
    ]);
  });

  it('finds a line without a chain, and a line cut short', async () => {
    const file = tampered('inserted.jsonl', (lines) => {
      lines.splice(10, 0, '{"time":"2026-01-01T00:00:00.000Z","id":"forged","shown":[]}');
      lines.push('{"time":"2026-01');
    });
    const { code, json } = await auditJson([file]);
    expect(code).toBe(1);
    expect(json.verification.problems.map(({ line, kind }) => [line, kind])).toEqual([
      [11, 'unchained'],
      [REQUESTS + 7, 'malformed'],
    ]);
  });

  it('verifies a keyed chain with its key, and refuses to call it verified without', async () => {
    expect((await auditJson([keyedLog, '--key', KEY])).json.verification).toMatchObject({ ok: true, problems: [] });
    expect((await runInProcess(['audit', keyedLog], { GEONOTICE_AUDIT_KEY: KEY })).code).toBe(0);
    const withoutKey = await auditJson([keyedLog]);
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.json.verification.problems).toEqual([expect.objectContaining({ kind: 'unverifiable', line: 1 })]);
    const wrongKey = await auditJson([keyedLog, '--key', 'x'.repeat(40)]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.json.verification.problems.length).toBeGreaterThan(0);
    expect(wrongKey.json.verification.problems.every((problem) => problem.kind === 'altered')).toBe(true);
    // A key given for a chain that has none: anyone could have rewritten it.
    expect((await auditJson([plainLog, '--key', KEY])).json.verification.problems).toEqual([
      expect.objectContaining({ kind: 'unverifiable' }),
    ]);
  });

  it('runs as a binary too, with exit codes and help', () => {
    expect(runCli(['audit', plainLog]).code).toBe(0);
    expect(runCli(['audit', path.join(directory, 'swapped.jsonl')]).code).toBe(1);
    expect(runCli(['audit']).code).toBe(2);
    expect(runCli(['audit', path.join(directory, 'no-such.jsonl')]).code).toBe(2);
    expect(runCli(['audit', '--help']).stdout).toContain('Usage: geonotice audit');
  });
});
