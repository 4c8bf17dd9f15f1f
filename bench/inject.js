'use strict';
/**
 * Injector benchmark. Build first: `npx tsc -p tsconfig.json`, then `node bench/inject.js`.
 *
 * 1. Throughput on a ~10 MB page, in one process, alternating rounds of
 *    (a) plain passthrough: the same chunk loop (copy a 64 KiB chunk in, copy every output piece
 *        out) with an identity step instead of the injector, and
 *    (b) the injector with a body-start and a body-end insertion.
 *    Prints MB/s for each and the median of the per-round ratios b/a.
 * 2. A 100 MB page generated and streamed chunk by chunk: peak extra RSS and heap while
 *    streaming, and a check that the output equals a one-shot injection of the same page.
 */
const crypto = require('node:crypto');
const v8 = require('node:v8');
const vm = require('node:vm');
const { createHtmlInjector } = require('../dist/pipeline/html/injector');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const CHUNK = 64 * 1024;
const ROUNDS = Number(process.env.ROUNDS || 7);
const NOTICE_START = Buffer.from(
  '<aside class="geonotice geonotice-warning" role="note" lang="en" data-geonotice="a">Start</aside>',
);
const NOTICE_END = Buffer.from(
  '<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="b">End</aside>',
);

const HEAD = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Daily Chronicle &mdash; long read</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/site.css?v=42">
<style>
  body { font: 16px/1.5 Georgia, serif; margin: 0 } .nav > a { padding: 0 4px }
  article p:first-child::first-letter { font-size: 2em }
</style>
<script>window.dataLayer = window.dataLayer || []; if (1 < 2) { dataLayer.push({ page: "</div>" }); }</script>
</head>
<body class="article-page" data-template="long-read">
`;

/** One varied stretch of article markup (about 3 KB); `n` makes every copy differ a little. */
function articleChunk(n) {
  return `<section id="part-${n}" class="part ${n % 2 ? 'odd' : 'even'}" data-index="${n}">
  <!-- part ${n}: reviewed by the desk -->
  <h2 class="part-title">Part ${n}: what the council decided</h2>
  <p>The council met on Tuesday &amp; agreed, after a long debate, that the <a href="/topics/budget?part=${n}&amp;ref=inline" title="Budget > overview">budget</a> for the coming year would rise by ${n % 7}.${n % 10}%.
  Residents who spoke at the meeting <em>welcomed</em> the plan, though several asked for <strong>more detail</strong> on the timetable.</p>
  <figure class="photo"><img src="/img/${n}.jpg" alt="Council chamber, ${n}" width="640" height="360" loading="lazy" data-credit='Photo: "Staff"'><figcaption>The chamber before the vote.</figcaption></figure>
  <p>Opposition members said the figures did not add up; one of them, speaking after the session, argued that "the numbers in table 3 &lt; those in table 4" and asked for an independent review.
  The mayor's office replied in a statement that the review would be published before the end of the month.</p>
  <blockquote cite="https://example.org/statement/${n}">We will publish every line of it, as we always have.</blockquote>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","position":${n},"headline":"Part ${n} <b>draft</b>"}</script>
  <ul class="related">
    <li><a href="/news/${n + 1}" data-track="related" data-pos="1">Next: the transport plan</a></li>
    <li><a href="/news/${n + 2}" data-track="related" data-pos="2">Schools to get new funding</a></li>
    <li><a href="/news/${n + 3}" data-track="related" data-pos="3">Letters: readers respond</a></li>
  </ul>
  <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d="M1 1h14v14H1z" fill="none" stroke="currentColor"/></svg>
  <script>(function(){ var el = document.getElementById("part-${n}"); if (el && el.offsetTop < 100) { el.classList.add("top"); } })();</script>
  <style>#part-${n} .part-title { color: #${(n * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(0, 6)} }</style>
  <p>Further reporting by our regional desk. Comments are open below; please keep them civil &mdash; <a href="/community/rules">community rules</a> apply.</p>
</section>
`;
}

const TAIL = `<footer class="site-footer"><p>&copy; Daily Chronicle</p></footer>
<script src="/assets/app.js" defer></script>
</body>
</html>
`;

/** Yields the page as Buffers of about `size` bytes of article markup each, then the tail. */
function* pageParts(totalBytes) {
  yield Buffer.from(HEAD);
  let written = HEAD.length;
  let n = 0;
  while (written < totalBytes - TAIL.length) {
    const part = Buffer.from(articleChunk(n++));
    written += part.length;
    yield part;
  }
  yield Buffer.from(TAIL);
}

function buildPage(totalBytes) {
  return Buffer.concat([...pageParts(totalBytes)]);
}

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

function streamed() {
  const total = 100 * 1024 * 1024;
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed + before.external + before.arrayBuffers;
  const hash = crypto.createHash('sha256');
  const step = injector();
  let bytes = 0;
  let count = 0;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed + now.external + now.arrayBuffers);
  };
  // Re-chunk the generated parts into 64 KiB chunks, the way a file stream delivers them.
  let pending = [];
  let pendingBytes = 0;
  const flush = (chunk) => {
    for (const piece of step.write(chunk)) hash.update(piece);
    if (++count % 16 === 0) sample();
  };
  for (const part of pageParts(total)) {
    bytes += part.length;
    pending.push(part);
    pendingBytes += part.length;
    if (pendingBytes >= CHUNK) {
      const joined = Buffer.concat(pending);
      let at = 0;
      for (; at + CHUNK <= joined.length; at += CHUNK) flush(joined.subarray(at, at + CHUNK));
      pending = at < joined.length ? [joined.subarray(at)] : [];
      pendingBytes = joined.length - at;
    }
  }
  if (pendingBytes > 0) flush(Buffer.concat(pending));
  for (const piece of step.end()) hash.update(piece);
  sample();
  const streamedHash = hash.digest('hex');
  const report = step.report;

  // The reference: the same page in one piece (this needs the whole page in memory, on purpose).
  const page = buildPage(total);
  const oneShot = createHtmlInjector({ bodyStart: NOTICE_START, bodyEnd: NOTICE_END });
  const reference = crypto.createHash('sha256');
  for (const piece of oneShot.write(page)) reference.update(piece);
  for (const piece of oneShot.end()) reference.update(piece);
  const referenceHash = reference.digest('hex');

  const mib = (n) => (n / (1024 * 1024)).toFixed(1);
  const result = {
    pageBytes: bytes,
    peakExtraRssMiB: (peakRss - before.rss) / (1024 * 1024),
    peakExtraHeapMiB: (peakHeap - (before.heapUsed + before.external + before.arrayBuffers)) / (1024 * 1024),
    identicalToOneShot: streamedHash === referenceHash,
  };
  if (process.env.GEONOTICE_BENCH_JSON) return result;
  console.log(`100 MB streamed page (${bytes} bytes in ${count} chunks), baseline RSS ${mib(before.rss)} MiB`);
  console.log(`  peak extra RSS: ${mib(peakRss - before.rss)} MiB; peak extra heap+external: ${mib(peakHeap - (before.heapUsed + before.external + before.arrayBuffers))} MiB (budget < 32 MiB)`);
  console.log(`  placed: bodyStart=${report.bodyStart}, bodyEnd=${report.bodyEnd}`);
  console.log(`  output equals one-shot injection: ${streamedHash === referenceHash} (sha256 ${streamedHash.slice(0, 16)}…)`);
  if (streamedHash !== referenceHash) process.exitCode = 1;
  return result;
}

if (require.main === module && process.env.GEONOTICE_BENCH_JSON) {
  // For bench/run.js: one part per process, its result as JSON on stdout.
  const part = process.env.GEONOTICE_BENCH_PART === 'stream' ? streamed : throughput;
  process.stdout.write(`${JSON.stringify(part())}\n`);
} else if (require.main === module) {
  if (process.env.GEONOTICE_BENCH_PART === 'stream') {
    streamed();
  } else {
    throughput();
    // The memory figure needs a process that has not just held a 10 MB page and its copies.
    const { spawnSync } = require('node:child_process');
    const child = spawnSync(process.execPath, [__filename], {
      env: { ...process.env, GEONOTICE_BENCH_PART: 'stream' },
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
} else {
  module.exports = { buildPage, pageParts, runThrough, injector, passthrough };
}
