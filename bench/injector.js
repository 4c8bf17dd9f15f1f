'use strict';
/**
 * The HTML injector against the engines a user would pick instead, on the same 10 MB page in one
 * process: geonotice, lol-html (html-rewriter-wasm), htmlparser2, and for scale a byte passthrough
 * and a naive `indexOf` (bench/lib/injectors.js says how each is set up). Body-end placement, so
 * every engine reads the whole page. Each 64 KiB chunk is copied in as if freshly read and every
 * output piece copied out. Before timing, each engine's output is compared with geonotice's: an
 * engine that places the notice elsewhere is reported as not comparable. Every round times each
 * engine once, in an order that changes from round to round; a ratio is the median over rounds
 * of the two figures taken in the same round.
 *
 *   node bench/injector.js        (after npm run build) ROUNDS (default 7)
 */
const { ENGINES } = require('./lib/injectors');
const { buildPage } = require('./lib/long-page');
const { median, pairedRatio, roundOrder } = require('./lib/stats');

const CHUNK = 64 * 1024;
const WARM_UP_PASSES = 8;
const PAGE_BYTES = 10 * 1024 * 1024;
const NOTICE = Buffer.from(
  '<aside class="geonotice geonotice-info" role="note" lang="en" data-geonotice="b">End</aside>',
);
const NAMES = Object.keys(ENGINES);

/** The page through one engine: returns the output's length. */
async function runThrough(page, engineName, sink) {
  const engine = ENGINES[engineName](NOTICE);
  let outAt = 0;
  const copyOut = (pieces) => {
    for (const piece of pieces) {
      sink.set(piece, outAt);
      outAt += piece.length;
    }
  };
  for (let at = 0; at < page.length; at += CHUNK) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, page.length - at));
    page.copy(chunk, 0, at, at + chunk.length);
    copyOut(await engine.write(chunk));
  }
  copyOut(await engine.end());
  return outAt;
}

/** Where each engine put the notice, and whether its whole output equals geonotice's. */
async function placements(page) {
  const outputs = {};
  for (const name of NAMES) {
    const sink = Buffer.alloc(page.length + NOTICE.length);
    outputs[name] = sink.subarray(0, await runThrough(page, name, sink));
  }
  const reference = outputs.geonotice;
  return Object.fromEntries(
    NAMES.map((name) => {
      const inserted = outputs[name].length === page.length + NOTICE.length;
      return [
        name,
        { noticeAt: inserted ? outputs[name].indexOf(NOTICE) : null, sameAsGeonotice: outputs[name].equals(reference) },
      ];
    }),
  );
}

async function runInjectorBench({ rounds = 7 } = {}) {
  const page = buildPage(PAGE_BYTES);
  const placed = await placements(page);
  const sink = Buffer.allocUnsafe(page.length + NOTICE.length);
  const mb = page.length / 1e6;
  // Warm-up, so that every engine is at its steady speed when the rounds start: geonotice's
  // scanner, in JavaScript, reaches it after about seven passes over the page (after three, its
  // first four rounds read a fifth slower than the rest).
  for (let i = 0; i < WARM_UP_PASSES; i++) for (const name of NAMES) await runThrough(page, name, sink);
  // One idle instance of each engine stays alive through the rounds, as some page is always being
  // rewritten on a busy server. Otherwise a collection during another engine's turn frees an
  // engine's last instance, V8 discards the optimized code that depended on its objects ("weak
  // objects" in --trace-deopt), and the engine's next round runs partly unoptimized.
  const resident = NAMES.map((name) => ENGINES[name](NOTICE));
  const mbps = Object.fromEntries(NAMES.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of roundOrder(NAMES, round)) {
      const started = process.hrtime.bigint();
      await runThrough(page, name, sink);
      mbps[name].push(mb / (Number(process.hrtime.bigint() - started) / 1e9));
    }
  }
  for (const engine of resident) await engine.end();
  let tags = 0;
  for (let at = page.indexOf(60); at >= 0; at = page.indexOf(60, at + 1)) tags++;
  const engines = NAMES.map((name) => ({
    name,
    mbps: median(mbps[name]),
    comparable: placed[name].sameAsGeonotice,
    noticeAt: placed[name].noticeAt,
    geonoticeTimes: pairedRatio(mbps.geonotice, mbps[name]),
    ofPassthrough: pairedRatio(mbps[name], mbps.passthrough),
    perRound: mbps[name],
  }));
  return { pageBytes: page.length, chunkBytes: CHUNK, bytesPerTag: page.length / tags, rounds, engines };
}

module.exports = { runInjectorBench };

if (require.main === module) {
  void runInjectorBench({ rounds: Number(process.env.ROUNDS || 7) }).then((result) => {
    if (!process.env.GEONOTICE_BENCH_JSON) {
      console.log(
        `${result.pageBytes}-byte page, ${result.chunkBytes / 1024} KiB chunks, ${result.rounds} rounds, one '<' per ${result.bytesPerTag.toFixed(0)} bytes`,
      );
      for (const engine of result.engines) {
        console.log(
          `${engine.name.padEnd(14)} ${engine.mbps.toFixed(0).padStart(6)} MB/s  geonotice ${engine.geonoticeTimes.toFixed(2)}×  ` +
            `${engine.ofPassthrough.toFixed(3)} of passthrough  notice at ${engine.noticeAt}${engine.comparable ? '' : ' (NOT the same output as geonotice)'}`,
        );
      }
    }
    console.log(JSON.stringify(result));
  });
}
