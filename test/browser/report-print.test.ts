/**
 * The auditor's report in a real browser (Debian's Chromium, driven by playwright-core): the map
 * with the subdivisions the rules name as shapes of their own, and the page printed to A4 PDF the
 * way a lawyer would print it (background graphics off), the PDF's text read back with PDF.js.
 *
 * Screenshots land in test-artifacts/browser/; docs/report.png and docs/report-print.png are
 * copies of report-map.png and report-print.png for docs/auditing.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadRules } from '../../src';
import { runInProcess } from '../cli/run-cli';
import { describeWithChromium, launchChromium } from './chromium';

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts/browser');
const PDF_TEXT = path.join(__dirname, 'pdf-text.mjs');
/** The colour of the report's first notice combination, in the map, the legend and the PDF. */
const FIRST_COLOUR = '#c8553d';

interface PdfPage {
  width: number;
  height: number;
  items: { text: string; x: number; y: number; width: number }[];
  fills: string[];
}

/** Every piece of text of the PDF with the page it is on. */
function readPdf(file: string): PdfPage[] {
  const result = spawnSync(process.execPath, [PDF_TEXT, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdf-text.mjs failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { pages: PdfPage[] }).pages;
}

/** Text without any white space, so that a sentence broken over lines or cells still matches. */
function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

describeWithChromium('the report in Chromium, on screen and printed to A4', () => {
  let browser: Browser;
  let page: Page;
  let directory: string;
  let pdfPages: PdfPage[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    directory = mkdtempSync(path.join(tmpdir(), 'geonotice-report-print-'));
    const out = path.join(directory, 'report.html');
    const written = await runInProcess(['report', 'rules', '--out', out, '--at', '2026-12-01']);
    expect(written.code).toBe(0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(out).href);
    const pdf = path.join(directory, 'report.pdf');
    // As a person prints it: A4, the browser's "background graphics" left off.
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    pdfPages = readPdf(pdf);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("draws each subdivision the rules name as a shape of its own, in its notice's colour", async () => {
    for (const code of ['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65']) {
      const shapes = page.locator(`svg.map path[data-region="${code}"]`);
      // On the world map and on Ukraine's own map.
      expect(await shapes.count()).toBe(2);
      expect(await shapes.first().getAttribute('fill')).toBe(FIRST_COLOUR);
      const box = await shapes.first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(0);
    }
    // Kyiv and Lviv are drawn too, in Ukraine's own colour: no notice.
    const notice = await page.locator('svg.map path[data-region="UA"]').getAttribute('fill');
    for (const code of ['UA-30', 'UA-46']) {
      expect(await page.locator(`svg.map.detail path[data-region="${code}"]`).getAttribute('fill')).toBe(notice);
    }
    expect(notice).not.toBe(FIRST_COLOUR);
    expect(await page.locator('svg.map path[data-region="RU"]').getAttribute('fill')).toBe(FIRST_COLOUR);
    await page.locator('#map').screenshot({ path: path.join(ARTIFACTS_DIR, 'report-map.png') });
  });

  it("prints every language's wording of every notice", () => {
    const text = squeezed(pdfPages.map((pdfPage) => pdfPage.items.map((item) => item.text).join('')).join(''));
    const ruleSet = loadRules(path.join(ROOT, 'rules'));
    for (const notice of ruleSet.notices) {
      for (const [language, message] of Object.entries(notice.messages)) {
        for (const part of [message.title, message.text, message.link?.label]) {
          if (part !== undefined) expect([language, text.includes(squeezed(part))]).toEqual([language, true]);
        }
      }
    }
    for (const heading of ['Decisiontable', 'Testresults', 'UA-43AvtonomnaRespublikaKrym', 'Networks(1)'])
      expect(text).toContain(heading);
  });

  it('keeps every line of text on the A4 page: no table runs off it', async () => {
    expect(pdfPages.length).toBeGreaterThan(1);
    for (const pdfPage of pdfPages) {
      expect(Math.round(pdfPage.width)).toBe(596);
      const outside = pdfPage.items.filter((item) => item.x < 0 || item.x + item.width > pdfPage.width + 0.5);
      expect(outside).toEqual([]);
    }
    // Laid out for print at the width A4 leaves inside its margins (210 mm less 2 × 11 mm), every
    // table ends inside it: nothing is shrunk or cut to fit.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 711, height: 1000 });
    try {
      // Evaluated in the page, as text: the tests are compiled without the DOM's types.
      const widths = await page.evaluate<{ page: number; tables: number[] }>(
        `({ page: document.documentElement.scrollWidth, tables: [...document.querySelectorAll('table')].map((table) => Math.ceil(table.getBoundingClientRect().right)) })`,
      );
      expect(widths.page).toBeLessThanOrEqual(711);
      expect(widths.tables.filter((right) => right > 711)).toEqual([]);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("keeps the legend's colours on paper, background graphics off", async () => {
    expect(pdfPages[0]?.fills).toEqual(expect.arrayContaining([FIRST_COLOUR]));
    const swatch = page.locator('#map .legend .swatch rect').first();
    expect(await swatch.getAttribute('fill')).toBe(FIRST_COLOUR);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'report-print.png') });
    await page.emulateMedia({ media: 'screen' });
  });
});
