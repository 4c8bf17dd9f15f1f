'use strict';
/**
 * One engine of the injector benchmark in a process of its own (`fork`ed by bench/injector.js with
 * the engine's name): it warms the engine up, says `ready`, then answers each `pass` message with
 * the MB/s of one timed pass over the page.
 *
 * A process of its own, because engines sharing one change each other's speed: lol-html's
 * WebAssembly memory grows by detaching its ArrayBuffer, and after the first detach anywhere in a
 * process V8 checks for detachment on typed-array accesses in all optimized code (geonotice's
 * scanner loses 8–18 %; see docs/performance.md). With INJECTOR_DETACH=1 the process
 * detaches one buffer before warming up: the engine as it runs in a process that has done so
 * (after a `fetch()`, a transfer to a worker, or WebAssembly).
 */
const { ENGINES } = require('./injectors');
const { buildPage } = require('./long-page');
const { NOTICE, PAGE_BYTES, runThrough } = require('./injector-pass');

const WARM_UP_PASSES = 8;

/**
 * One untimed pass, then one timed. The process has idled while the other engines were timed, and
 * after even 30 ms idle the first pass runs slower (geonotice 1.2 ms more on this page, the
 * passthrough 1.7 ms, lol-html no change measurable in its 69 ms; docs/performance.md); a server
 * under load does not idle.
 */
async function timedPass(page, engineName, sink) {
  await runThrough(page, engineName, sink);
  const started = process.hrtime.bigint();
  await runThrough(page, engineName, sink);
  return page.length / 1e6 / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(engineName) {
  if (process.env.INJECTOR_DETACH === '1') {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
  }
  const page = buildPage(PAGE_BYTES);
  const sink = Buffer.allocUnsafe(page.length + NOTICE.length);
  // geonotice's scanner, in JavaScript, reaches its steady speed after about seven passes over
  // the page (after three, its next four read a fifth slower).
  for (let i = 0; i < WARM_UP_PASSES; i++) await runThrough(page, engineName, sink);
  // One idle instance stays alive, as some page is always being rewritten on a busy server.
  // Otherwise a collection frees the engine's last instance, V8 discards the optimized code that
  // depended on its objects ("weak objects" in --trace-deopt), and the next pass runs partly
  // unoptimized.
  const resident = ENGINES[engineName](NOTICE);
  process.on('message', (message) => {
    if (message === 'pass') void timedPass(page, engineName, sink).then((mbps) => process.send({ mbps }));
  });
  process.once('disconnect', () => void resident.end());
  process.send('ready');
}

void main(process.argv[2]);
