import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runCliJson } from './run-cli';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'geonotice-report-test-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Every URL the page would load or link to, from src, href and CSS url() (the wording is there twice: for the screen and for print). */
function externalReferences(page: string): string[] {
  const attributes = [...page.matchAll(/\b(?:src|href|xlink:href|action)\s*=\s*"([^"]*)"/gi)].map(
    (match) => match[1] ?? '',
  );
  const cssUrls = [...page.matchAll(/url\(\s*['"]?([^'")]*)/gi)].map((match) => match[1] ?? '');
  return [...attributes, ...cssUrls].filter((url) => !url.startsWith('#'));
}

describe('geonotice report', () => {
  it('writes one self-contained page about the shipped rules', () => {
    const out = path.join(directory, 'shipped.html');
    const result = runCli(['report', 'rules', '--out', out, '--at', '2026-01-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*shipped\.html: rules version [0-9a-f]{16}, 1 notice, /);
    const page = readFileSync(out, 'utf8');

    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toMatch(/<svg class="map"[^>]*>/);
    expect(page).toContain('sharing-risk-russia');
    expect(page).toMatch(/Rules version<\/dt><dd><code>[0-9a-f]{16}<\/code>/);
    expect(page).toMatch(/data built \d{4}-\d{2}-\d{2}/);
    // Subdivision targeting beside the map, and the exhaustive table's special rows.
    expect(page).toContain('UA-43 Avtonomna Respublika Krym: sharing-risk-russia');
    expect(page).toContain('unknown location');
    expect(page).toContain('anywhere else');
    expect(page).toContain('34 passed, 0 failed');

    // Nothing loads from anywhere: no script, no external stylesheet, font or image.
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face/i);
    // The only addresses are the notices' own links.
    expect([...new Set(externalReferences(page))].sort()).toEqual([
      'https://example.org/reader-safety',
      'https://example.org/ru/reader-safety',
      'https://example.org/uk/reader-safety',
    ]);
  });

  it('colours Russia, and draws the subdivisions the rules name over Ukraine in their own colour', () => {
    const out = path.join(directory, 'map.html');
    expect(runCli(['report', '--out', out, '--at', '2026-01-01']).code).toBe(0);
    const page = readFileSync(out, 'utf8');
    const fillOf = (code: string): string | undefined =>
      new RegExp(`fill="([^"]+)" data-region="${code}"`).exec(page)?.[1];
    const grey = fillOf('US');
    expect(fillOf('RU')).not.toBe(grey);
    expect(fillOf('UA')).toBe(grey);
    expect(fillOf('DE')).toBe(grey);
    for (const code of ['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65']) expect(fillOf(code)).toBe(fillOf('RU'));
    // Ukraine's own map: every oblast, Kyiv and Lviv in Ukraine's colour.
    expect(fillOf('UA-30')).toBe(grey);
    expect(fillOf('UA-46')).toBe(grey);
    expect(page).not.toContain('some subdivisions differ');
    expect(page).toContain('<title>UA-43 Avtonomna Respublika Krym: sharing-risk-russia</title>');
  });

  it('escapes every text taken from the rules', () => {
    const out = path.join(directory, 'escaping.html');
    expect(runCli(['report', 'test/fixtures/cli/report-escaping', '--out', out]).code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).not.toMatch(/<script|<img|<b>|<em>/i);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('&lt;/title&gt;&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    // A javascript: reference is shown as text, never as a link.
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain('javascript:alert(1)');
    expect([...new Set(externalReferences(page))]).toEqual(['https://example.org/more?a=1&amp;b=2']);
  });

  it('shows failing tests and warnings, and still writes the page', () => {
    const out = path.join(directory, 'failing.html');
    const { code, json } = runCliJson<{ out: string; tests: { passed: number; failed: number }; warnings: number }>([
      'report',
      'test/fixtures/cli/failing-test',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect(json.tests).toEqual({ passed: 1, failed: 2 });
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('1 passed, 2 failed');
    expect(page).toContain('notice &quot;sharing-risk&quot; is shown in en, not ru');

    const warned = path.join(directory, 'warned.html');
    expect(runCli(['report', 'test/fixtures/rules/warnings', '--out', warned]).code).toBe(0);
    expect(readFileSync(warned, 'utf8')).toContain('notice &quot;english-only&quot; has no message in ru');
  });

  it('exits 1 for invalid rules and 2 without --out', () => {
    expect(
      runCli(['report', 'test/fixtures/rules/misspelt-key', '--out', path.join(directory, 'never.html')]).code,
    ).toBe(1);
    const usage = runCli(['report', 'rules']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--out');
    const help = runCli(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: geonotice report');
  });
});
