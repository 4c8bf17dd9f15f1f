'use strict';
/**
 * geonotice/fetch against Cloudflare's own HTMLRewriter (native lol-html), both inside workerd
 * (through miniflare), on the same 10 MB page in the same run. Three Workers, each bundled as
 * wrangler bundles one and run in a workerd of its own, stream the page from memory in 64 KiB
 * chunks: as it is (passthrough), through `HTMLRewriter().on('body', { element(e) { e.append(…) } })`,
 * and through `geonoticeFetch().transform` with a body-end notice for the visitor (request.cf in
 * UA-40). Each Worker reads its response through itself (see SERVE_PAGE); the passthrough's time
 * is what serving the page and the harness cost, and each engine's figure is its time less the
 * passthrough's in the same round. The HTMLRewriter appends exactly the markup geonotice inserts,
 * and the outputs are compared first.
 *
 *   node bench/workerd.js          (after npm run build) ROUNDS (default 15)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Miniflare } = require('miniflare');
const { compileRules, loadRules } = require('../dist');
const { bundleWorker } = require('../scripts/bundle-worker');
const { buildPage } = require('./lib/long-page');
const { median, pairedDifference, roundOrder } = require('./lib/stats');

const PAGE_BYTES = 10 * 1024 * 1024;
const ROUNDS = Number(process.env.ROUNDS || 15);
const CF = { country: 'UA', regionCode: '40' }; // the bench rules' body-end notice
const COMPATIBILITY_DATE = '2025-06-01';

/**
 * The page as a Worker serves it: from the PAGE binding, a fresh copy of each 64 KiB chunk. With
 * `?read`, the Worker reads its own response through and answers only its length, so that the
 * time measured is the Worker's, not that of copying 10 MB out of workerd (whose cost would
 * depend on how each engine cuts its output).
 */
const SERVE_PAGE = `
const CHUNK = 64 * 1024;
function pageResponse(env) {
  const page = new Uint8Array(env.PAGE);
  let at = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (at >= page.length) return controller.close();
      controller.enqueue(page.slice(at, at + CHUNK));
      at += CHUNK;
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
async function answer(request, response) {
  if (!new URL(request.url).searchParams.has('read')) return response;
  let length = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) length += read.value.byteLength;
  return new Response(String(length));
}`;

const WORKERS = {
  passthrough: () => `${SERVE_PAGE}
export default { fetch: (request, env) => answer(request, pageResponse(env)) };`,
  HTMLRewriter: (markup) => `${SERVE_PAGE}
const MARKUP = ${JSON.stringify(markup)};
export default {
  fetch: (request, env) =>
    answer(request, new HTMLRewriter().on('body', { element(element) { element.append(MARKUP, { html: true }); } }).transform(pageResponse(env))),
};`,
  geonotice: () => `${SERVE_PAGE}
import { geonoticeFetch } from 'geonotice/fetch';
import rules from './rules.json';
const notices = geonoticeFetch({ rules });
export default { fetch: async (request, env) => answer(request, await notices.transform(request, pageResponse(env))) };`,
};

async function startWorker(script, pageFile) {
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: COMPATIBILITY_DATE,
    dataBlobBindings: { PAGE: pageFile },
  });
  await mf.ready;
  return mf;
}

/** One request through a Worker: the whole body as the Worker sends it out. */
async function output(mf) {
  const response = await mf.dispatchFetch('https://bench.example/page', {
    headers: { 'Accept-Language': 'en' },
    cf: CF,
  });
  return Buffer.from(await response.arrayBuffer());
}

/** One request whose response the Worker reads through itself: how long it took (ms). */
async function timed(mf) {
  const started = process.hrtime.bigint();
  const response = await mf.dispatchFetch('https://bench.example/page?read', {
    headers: { 'Accept-Language': 'en' },
    cf: CF,
  });
  const length = Number(await response.text());
  if (!(length >= PAGE_BYTES)) throw new Error(`a Worker read ${length} bytes of its page`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** What geonotice put into the page: its output less the page's bytes, which must be one piece before `</body>`. */
function insertedMarkup(page, output) {
  const at = page.lastIndexOf('</body>');
  const inserted = output.length - page.length;
  const matches =
    inserted > 0 &&
    output.subarray(0, at).equals(page.subarray(0, at)) &&
    output.subarray(at + inserted).equals(page.subarray(at));
  if (!matches) throw new Error("geonotice did not insert one piece of markup before the page's </body>");
  return { at, markup: output.subarray(at, at + inserted).toString('utf8') };
}

async function runWorkerdBench({ rounds = ROUNDS } = {}) {
  const page = buildPage(PAGE_BYTES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-workerd-bench-'));
  const pageFile = path.join(dir, 'page.html');
  fs.writeFileSync(pageFile, page);
  const rulesJson = JSON.stringify(compileRules(loadRules(path.join(__dirname, 'rules'))));
  const workers = {};
  try {
    workers.passthrough = await startWorker(await bundleWorker({ source: WORKERS.passthrough() }, rulesJson), pageFile);
    workers.geonotice = await startWorker(await bundleWorker({ source: WORKERS.geonotice() }, rulesJson), pageFile);
    const { at, markup } = insertedMarkup(page, await output(workers.geonotice));
    workers.HTMLRewriter = await startWorker(
      await bundleWorker({ source: WORKERS.HTMLRewriter(markup) }, rulesJson),
      pageFile,
    );
    const reference = await output(workers.geonotice);
    const rewritten = await output(workers.HTMLRewriter);
    const passed = await output(workers.passthrough);
    if (!passed.equals(page)) throw new Error('the passthrough Worker changed the page');
    const names = Object.keys(workers);
    for (let i = 0; i < 3; i++) for (const name of names) await timed(workers[name]);
    const ms = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of roundOrder(names, round)) ms[name].push(await timed(workers[name]));
    }
    const added = (name) => pairedDifference(ms[name], ms.passthrough);
    const engine = (name) => ({
      name,
      ms: median(ms[name]),
      addedMs: added(name),
      addedMBps: page.length / 1e6 / (added(name) / 1000),
      perRound: ms[name],
    });
    return {
      pageBytes: page.length,
      rounds,
      noticeAt: at,
      sameOutput: rewritten.equals(reference),
      passthroughMs: median(ms.passthrough),
      engines: [engine('geonotice'), engine('HTMLRewriter')],
      // Below 1: geonotice adds less time than HTMLRewriter. Paired within rounds.
      geonoticeOverHtmlRewriter: median(
        ms.geonotice.map(
          (value, round) => (value - ms.passthrough[round]) / (ms.HTMLRewriter[round] - ms.passthrough[round]),
        ),
      ),
    };
  } finally {
    for (const mf of Object.values(workers)) await mf.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runWorkerdBench };

if (require.main === module) {
  void runWorkerdBench().then((result) => {
    if (!process.env.GEONOTICE_BENCH_JSON) {
      console.log(
        `${result.pageBytes}-byte page, ${result.rounds} rounds; passthrough ${result.passthroughMs.toFixed(1)} ms; same output: ${result.sameOutput}`,
      );
      for (const engine of result.engines) {
        console.log(
          `${engine.name.padEnd(13)} ${engine.ms.toFixed(1)} ms, adds ${engine.addedMs.toFixed(1)} ms (${engine.addedMBps.toFixed(0)} MB/s)`,
        );
      }
      console.log(`geonotice's added time over HTMLRewriter's: ${result.geonoticeOverHtmlRewriter.toFixed(2)}`);
    }
    console.log(JSON.stringify(result));
  });
}
