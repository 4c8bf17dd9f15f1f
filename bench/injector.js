'use strict';
/**
 * Injector benchmark: throughput on a ~10 MB page, in one process, alternating rounds of
 * (a) plain passthrough: the same chunk loop (copy a 64 KiB chunk in, copy every output piece
 *     out) with an identity step instead of the injector, and
 * (b) the injector with a body-start and a body-end insertion.
 * Prints MB/s for each and the median of the per-round ratios b/a.
 *
 *   node bench/injector.js     (after npm run build)
 */
const { createHtmlInjector } = require('../dist/pipeline/html/injector');
const { buildPage } = require('./lib/long-page');

const CHUNK = 64 * 1024;
const ROUNDS = Number(process.env.ROUNDS || 7);
const NOTICE_START = Buffer.from(
  '<aside class="geonotice geonotice-warning" role="note" lang="en" data-geonotice="a">Start</aside>',
);
const NOTICE_END = Buffer.from(
  '<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="b">End</aside>',
);

/** The shared loop: each 64 KiB chunk is copied in (as if freshly read), each output piece copied out. */
function runThrough(page, makeStep, sink) {
  const step = makeStep();
  let outAt = 0;
  const copyOut = (piece) => {
    sink.set(piece, outAt);
    outAt += piece.length;
  };
  for (let at = 0; at < page.length; at += CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, page.length - at));
    page.copy(chunk, 0, at, at + chunk.length);
    for (const piece of step.write(chunk)) copyOut(piece);
  }
  for (const piece of step.end()) copyOut(piece);
  return outAt;
}

const passthrough = () => ({ write: (chunk) => [chunk], end: () => [] });
const injector = () => createHtmlInjector({ bodyStart: NOTICE_START, bodyEnd: NOTICE_END });
/** Body start only (the default placement): nothing is left to find once `<body>` is passed. */
const startOnly = () => createHtmlInjector({ bodyStart: NOTICE_START });
const BODY_END_TAG = Buffer.from('</body>');
/**
 * For scale only: the "naive indexOf" the spec compares with. It looks for `</body>` in each
 * chunk and passes the chunk on; it would misplace notices (a `</body>` in a script, a comment or
 * cut by a chunk boundary) and inserts nothing.
 */
const naiveIndexOf = () => ({
  write: (chunk) => {
    chunk.indexOf(BODY_END_TAG);
    return [chunk];
  },
  end: () => [],
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function throughput() {
  const page = buildPage(10 * 1024 * 1024);
  const sink = Buffer.allocUnsafe(page.length + NOTICE_START.length + NOTICE_END.length);
  const mb = page.length / (1024 * 1024);
  // Warm up both paths so that neither round pays for compilation.
  for (let i = 0; i < 3; i++) {
    runThrough(page, passthrough, sink);
    runThrough(page, injector, sink);
  }
  const plain = [];
  const injected = [];
  const ratios = [];
  const startOnlyRatios = [];
  const naiveRatios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const timeOne = (make) => {
      const start = process.hrtime.bigint();
      const length = runThrough(page, make, sink);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      return { mbps: mb / seconds, length };
    };
    // Alternate the order so that neither side always runs second.
    const [a, b] =
      round % 2 === 0
        ? [timeOne(passthrough), timeOne(injector)]
        : (([y, x]) => [x, y])([timeOne(injector), timeOne(passthrough)]);
    if (b.length !== page.length + NOTICE_START.length + NOTICE_END.length) {
      throw new Error(`injector output has ${b.length} bytes, expected both insertions`);
    }
    plain.push(a.mbps);
    injected.push(b.mbps);
    ratios.push(b.mbps / a.mbps);
    const c = timeOne(startOnly);
    const d = timeOne(passthrough);
    startOnlyRatios.push(c.mbps / d.mbps);
    const e = timeOne(naiveIndexOf);
    const f = timeOne(passthrough);
    naiveRatios.push(e.mbps / f.mbps);
  }
  let tags = 0;
  for (let at = page.indexOf(60); at >= 0; at = page.indexOf(60, at + 1)) tags++;
  const result = {
    pageBytes: page.length,
    rounds: ROUNDS,
    passthroughMBps: median(plain),
    injectorMBps: median(injected),
    ratio: median(ratios),
    startOnlyRatio: median(startOnlyRatios),
    naiveRatio: median(naiveRatios),
    bytesPerTag: page.length / tags,
  };
  if (process.env.GEONOTICE_BENCH_JSON) return result;
  console.log(`10 MB page (${page.length} bytes, ${CHUNK / 1024} KiB chunks, ${ROUNDS} rounds)`);
  console.log(`  passthrough: ${median(plain).toFixed(0)} MB/s (median)`);
  console.log(`  injector:    ${median(injected).toFixed(0)} MB/s (median)`);
  console.log(`  ratio injector/passthrough: ${median(ratios).toFixed(3)} (median of per-round ratios; budget >= 0.30)`);
  console.log(`  body-start only, ratio: ${median(startOnlyRatios).toFixed(3)} (scanning stops after <body>)`);
  console.log(`  naive indexOf of </body> per chunk, ratio: ${median(naiveRatios).toFixed(3)} (for scale; misplaces notices)`);
  console.log(`  page density: one '<' per ${(page.length / tags).toFixed(0)} bytes`);
  return result;
}

if (require.main === module) {
  const result = throughput();
  if (process.env.GEONOTICE_BENCH_JSON) console.log(JSON.stringify(result));
}
