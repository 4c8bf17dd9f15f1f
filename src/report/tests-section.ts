/** The `tests:` results and their coverage, as `geonotice test` computes them. */
import { html, type Html } from './html';
import type { ReportCoverage, ReportTestCase } from './report-input';
import { formatPercent } from '../util/format-percent';

export function testsSection(cases: readonly ReportTestCase[], coverage: ReportCoverage): Html {
  const passed = cases.filter((testCase) => testCase.ok).length;
  const percent = formatPercent(coverage.percent);
  return html`<section id="tests">
<h2>Test results</h2>
<p><strong>${passed} passed, ${cases.length - passed} failed</strong> · coverage ${percent} (${coverage.units.covered} of ${coverage.units.total} units: each condition branch, region, language and path entry, unknown location, message language and override),
${coverage.notices.covered}/${coverage.notices.total} notices${coverage.notices.uncovered.length > 0 ? html` · no passing case shows ${coverage.notices.uncovered.join(', ')}` : ''}</p>
${coverage.units.uncovered.length === 0 ? '' : html`<p>No passing case reaches:</p><ul class="plain">${coverage.units.uncovered.map((unit) => html`<li><code>${unit.file}:${unit.line}</code> notice <span class="notice-id">${unit.notice}</span>, ${unit.label}</li>`)}</ul>`}
${
  cases.length === 0
    ? html`<p class="muted">These rules have no <code>tests:</code> cases.</p>`
    : html`<table class="tests">
<thead><tr><th></th><th>Case</th><th>Expected</th><th>Actual</th></tr></thead>
<tbody>${cases.map(caseRow)}</tbody>
</table>`
}
</section>`;
}

function caseRow(testCase: ReportTestCase): Html {
  const expected = testCase.expected.notices.length === 0 ? 'no notice' : testCase.expected.notices.join(', ');
  const language = testCase.expected.language === undefined ? '' : ` in ${testCase.expected.language}`;
  const actual =
    testCase.actual === null
      ? 'not run'
      : testCase.actual.notices.length === 0
        ? 'no notice'
        : testCase.actual.notices.map((id, index) => `${id} in ${testCase.actual?.languages[index] ?? '?'}`).join(', ');
  return html`<tr><td class="${testCase.ok ? 'pass' : 'fail'}">${testCase.ok ? 'pass' : 'FAIL'}</td>
<td>${testCase.name}<br><span class="muted code">${testCase.file}:${testCase.line}</span>${testCase.problems.length > 0 ? html`<ul class="plain fail">${testCase.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : ''}</td>
<td>${expected}${language}</td><td>${actual}</td></tr>`;
}
