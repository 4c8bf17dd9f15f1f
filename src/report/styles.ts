/**
 * The report's only stylesheet, inlined: system fonts, no images, prints on paper too. A constant
 * of ours, placed unescaped (a `<style>` element does not decode entities), so it must never
 * include text from the rules.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #d8dde5; --panel: #f6f8fa; --ok: #1a7f37; --bad: #c0352b; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 14px; margin: 14px 0 6px; }
p { margin: 4px 0 8px; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.badges { display: flex; gap: 8px; flex-wrap: wrap; margin: 10px 0 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; background: var(--panel); border: 1px solid var(--line); font-weight: 600; }
.badge.ok { color: var(--ok); border-color: #9fd8ad; background: #eefbf1; }
.badge.bad { color: var(--bad); border-color: #f1b0aa; background: #fdf0ef; }
.badge.warn { color: var(--warn); border-color: #e9cf8a; background: #fdf8e7; }
.map-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(240px, 1fr); gap: 20px; align-items: start; }
.map { width: 100%; height: auto; display: block; }
.map .sea { fill: #eef3f8; }
.map path { stroke: #ffffff; stroke-width: 0.5; }
.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; flex: none; vertical-align: -2px; }
.side { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; font-size: 13px; }
.side ul { list-style: none; padding: 0; margin: 4px 0 10px; }
.side li { margin: 3px 0; display: flex; gap: 6px; align-items: baseline; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
tr.subdivision th { padding-left: 22px; font-weight: 400; }
tr.special th { font-style: italic; }
td.none { color: #98a2b3; }
td.nowrap { white-space: nowrap; }
td.wide { min-width: 260px; }
td.shown { min-width: 170px; }
.notice-id { font-weight: 600; }
.fallback { color: var(--warn); }
.pass { color: var(--ok); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
ul.plain { margin: 4px 0; padding-left: 18px; }
details { margin: 4px 0; }
summary { cursor: pointer; color: var(--muted); }
blockquote { margin: 6px 0; padding: 4px 10px; border-left: 3px solid var(--line); background: #fbfcfd; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
.map .subdivisions path { stroke: #ffffff; stroke-width: 0.3; }
.map.detail { max-width: 640px; margin: 4px 0; }
.map.detail path { stroke: #ffffff; stroke-width: 0.6; }
figure.detail-map { margin: 14px 0 0; }
figure.detail-map figcaption { font-weight: 600; margin-bottom: 4px; }
.print-only { display: none; }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  /* Colours are the legend: keep every fill and background on paper. */
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin-top: 14pt; break-after: avoid; }
  h3 { break-after: avoid; }
  .screen-only { display: none; }
  .print-only { display: block; }
  .map-layout { grid-template-columns: 1fr; }
  .map, figure.detail-map, .side { break-inside: avoid; }
  .map.detail { max-width: 70%; }
  /* Every table fits the page: fixed layout, long words and codes wrap. */
  table { table-layout: fixed; width: 100%; font-size: 7.5pt; }
  th, td { padding: 2px 4px; overflow-wrap: anywhere; word-break: break-word; }
  td.wide, td.shown { min-width: 0; }
  td.nowrap { white-space: normal; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  table.notices th:first-child { width: 30%; }
  table.decisions th:first-child { width: 24%; }
  table.tests th:first-child { width: 7%; }
  table.tests th:nth-child(2) { width: 45%; }
  table.networks th:first-child { width: 20%; }
  table.networks th:nth-child(2) { width: 14%; }
  table.networks th:nth-child(4) { width: 9%; }
  code, .code { font-size: 7pt; }
  blockquote { break-inside: avoid; }
}
`;
