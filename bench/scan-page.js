'use strict';
/**
 * The injector on one 30 KB bench page, given whole: how long placing a body-start notice (the
 * scan stops at `<body>`) and a body-end notice (the whole page is scanned) takes, in µs per
 * page. `npm run build && node bench/scan-page.js`. Not part of `npm run bench`: a diagnostic
 * for the scanner's speed per byte, without HTTP around it.
 */
const { createHtmlInjector } = require('../dist/pipeline/html/injector');
const { buildHtmlPage } = require('./page');

const page = Buffer.from(buildHtmlPage(30 * 1024));
const insertions = {
  'body-start': { bodyStart: Buffer.from('<aside>start</aside>') },
  'body-end': { bodyEnd: Buffer.from('<aside>end</aside>') },
};
const runs = 5000;

function microsecondsPerPage(forPlacement) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) createHtmlInjector(forPlacement).end(page);
  return Number(process.hrtime.bigint() - started) / runs / 1000;
}

for (const [placement, forPlacement] of Object.entries(insertions)) {
  microsecondsPerPage(forPlacement); // warm-up
  const best = Math.min(microsecondsPerPage(forPlacement), microsecondsPerPage(forPlacement), microsecondsPerPage(forPlacement));
  console.log(`${placement}: ${best.toFixed(1)} µs per ${page.length}-byte page (${(best * 1000 / page.length).toFixed(2)} ns a byte)`);
}
