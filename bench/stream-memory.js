'use strict';
/**
 * The injector on a 100 MB page generated and streamed in 64 KiB chunks, with a body-start and a
 * body-end notice: the peak RSS and heap above the process's own before it started, and whether
 * the output equals a one-shot injection of the same page (sha256 of both). Runs in a fresh
 * process so that nothing else's garbage is counted.
 *
 *   node bench/stream-memory.js      (after npm run build)
 */
const crypto = require('node:crypto');
const v8 = require('node:v8');
const vm = require('node:vm');
const { createHtmlInjector } = require('../dist/pipeline/html/injector');
const { buildPage, pageParts } = require('./lib/long-page');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const CHUNK = 64 * 1024;
const TOTAL = 100 * 1024 * 1024;
const INSERTIONS = {
  bodyStart: Buffer.from(
    '<aside class="geonotice geonotice-warning" role="note" lang="en" data-geonotice="a">Start</aside>',
  ),
  bodyEnd: Buffer.from('<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="b">End</aside>'),
};
const MiB = 1024 * 1024;

function streamed() {
  gc();
  const before = process.memoryUsage();
  const heapOf = (usage) => usage.heapUsed + usage.external + usage.arrayBuffers;
  let peakRss = before.rss;
  let peakHeap = heapOf(before);
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, heapOf(now));
  };
  const hash = crypto.createHash('sha256');
  const injector = createHtmlInjector(INSERTIONS);
  let bytes = 0;
  let chunks = 0;
  const feed = (chunk) => {
    for (const piece of injector.write(chunk)) hash.update(piece);
    if (++chunks % 16 === 0) sample();
  };
  // The generated parts re-cut into 64 KiB chunks, the way a file stream delivers them.
  let pending = [];
  let pendingBytes = 0;
  for (const part of pageParts(TOTAL)) {
    bytes += part.length;
    pending.push(part);
    pendingBytes += part.length;
    if (pendingBytes < CHUNK) continue;
    const joined = Buffer.concat(pending);
    let at = 0;
    for (; at + CHUNK <= joined.length; at += CHUNK) feed(joined.subarray(at, at + CHUNK));
    pending = at < joined.length ? [joined.subarray(at)] : [];
    pendingBytes = joined.length - at;
  }
  if (pendingBytes > 0) feed(Buffer.concat(pending));
  for (const piece of injector.end()) hash.update(piece);
  sample();
  const streamedHash = hash.digest('hex');

  // The reference: the same page in one piece (this needs the whole page in memory, on purpose).
  const oneShot = createHtmlInjector(INSERTIONS);
  const reference = crypto.createHash('sha256');
  for (const piece of oneShot.end(buildPage(TOTAL))) reference.update(piece);
  return {
    pageBytes: bytes,
    chunks,
    peakExtraRssMiB: (peakRss - before.rss) / MiB,
    peakExtraHeapMiB: (peakHeap - heapOf(before)) / MiB,
    placed: injector.report,
    identicalToOneShot: streamedHash === reference.digest('hex'),
  };
}

if (require.main === module) {
  const result = streamed();
  if (!process.env.GEONOTICE_BENCH_JSON) {
    console.log(`100 MB streamed page (${result.pageBytes} bytes in ${result.chunks} chunks)`);
    console.log(
      `  peak extra RSS ${result.peakExtraRssMiB.toFixed(1)} MiB, heap + external ${result.peakExtraHeapMiB.toFixed(1)} MiB (target < 32 MiB)`,
    );
    console.log(
      `  placed: body-start ${result.placed.bodyStart}, body-end ${result.placed.bodyEnd}; identical to one-shot: ${result.identicalToOneShot}`,
    );
  }
  console.log(JSON.stringify(result));
  if (!result.identicalToOneShot) process.exitCode = 1;
}
