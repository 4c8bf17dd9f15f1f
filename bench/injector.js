'use strict';
/**
 * The HTML injector against the engines a user would pick instead, on the same 10 MB page:
 * geonotice, lol-html (html-rewriter-wasm), htmlparser2, and for scale a byte passthrough and a
 * naive `indexOf` (bench/lib/injectors.js says how each is set up). Body-end placement, so every
 * engine reads the whole page. Each 64 KiB chunk is copied in as if freshly read and every output
 * piece copied out. Before timing, each engine's output is compared with geonotice's: an engine
 * that places the notice elsewhere is reported as not comparable. Each engine is then timed in a
 * warmed-up process of its own (bench/lib/injector-engine.js says why), and so is geonotice in a
 * process that has detached a buffer, for scale. Every round times each engine once, in an order
 * that changes from round to round; a ratio is the median over rounds of the two figures taken in
 * the same round.
 *
 *   node bench/injector.js        (after npm run build) ROUNDS (default 7)
 */
const { fork } = require('node:child_process');
const events = require('node:events');
const path = require('node:path');
const { ENGINES } = require('./lib/injectors');
const { NOTICE, CHUNK, PAGE_BYTES, runThrough } = require('./lib/injector-pass');
const { buildPage } = require('./lib/long-page');
const { median, pairedRatio, roundOrder } = require('./lib/stats');

const NAMES = Object.keys(ENGINES);

/**
 * What is timed: every engine, and geonotice once more in a process that has detached an
 * ArrayBuffer (bench/lib/injector-engine.js says why), for scale.
 */
const TIMED = [
  ...NAMES.map((name) => ({ name, engine: name, detach: false })),
  { name: 'geonotice, buffers detached', engine: 'geonotice', detach: true },
];

/** One engine's process, warmed up: `pass()` resolves to the MB/s of one timed pass. */
async function startEngine({ name, engine, detach }) {
  const child = fork(path.join(__dirname, 'lib', 'injector-engine.js'), [engine], {
    env: { ...process.env, INJECTOR_DETACH: detach ? '1' : '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // An exit before `stop()` fails the benchmark; the exit that follows `stop()` is expected.
  let stopped = false;
  const exited = events.once(child, 'exit').then(([code]) => {
    if (!stopped) throw new Error(`the ${name} process exited (${code}) before it finished`);
  });
  const reply = () => Promise.race([events.once(child, 'message').then(([message]) => message), exited]);
  await reply();
  return {
    pass: async () => {
      child.send('pass');
      return (await reply()).mbps;
    },
    stop: () => {
      stopped = true;
      child.disconnect();
    },
  };
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
  const engines = await Promise.all(TIMED.map(startEngine));
  const mbps = TIMED.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const index of roundOrder([...TIMED.keys()], round)) mbps[index].push(await engines[index].pass());
    }
  } finally {
    for (const engine of engines) engine.stop();
  }
  let tags = 0;
  for (let at = page.indexOf(60); at >= 0; at = page.indexOf(60, at + 1)) tags++;
  const mbpsOf = (name) => mbps[TIMED.findIndex((variant) => variant.name === name)];
  const results = TIMED.map(({ name, engine, detach }, index) => ({
    name,
    detach,
    mbps: median(mbps[index]),
    comparable: placed[engine].sameAsGeonotice,
    noticeAt: placed[engine].noticeAt,
    geonoticeTimes: pairedRatio(mbpsOf('geonotice'), mbps[index]),
    ofPassthrough: pairedRatio(mbps[index], mbpsOf('passthrough')),
    // Against lol-html in the same round; for geonotice with buffers detached, the figure a site
    // that has detached one gets (lol-html's process always has).
    lolHtmlTimes: pairedRatio(mbps[index], mbpsOf('lol-html')),
    perRound: mbps[index],
  }));
  return { pageBytes: page.length, chunkBytes: CHUNK, bytesPerTag: page.length / tags, rounds, engines: results };
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
          `${engine.name.padEnd(27)} ${engine.mbps.toFixed(0).padStart(6)} MB/s  geonotice ${engine.geonoticeTimes.toFixed(2)}×  ` +
            `${engine.ofPassthrough.toFixed(3)} of passthrough  notice at ${engine.noticeAt}${engine.comparable ? '' : ' (NOT the same output as geonotice)'}`,
        );
      }
    }
    console.log(JSON.stringify(result));
  });
}
