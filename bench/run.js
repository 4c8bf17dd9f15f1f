'use strict';
/**
 * `npm run bench`: every benchmark in one run, each part in a process of its own so that one
 * part's heap and JIT state do not colour the next. Prints a table and writes bench/results.md;
 * with BENCH_JSON_OUT=FILE also every part's raw result as JSON (for ranges over several runs).
 * Throughput figures are ratios to the floor and to bare Express, measured in the same rounds.
 * Environment: BENCH_ROUNDS (default 5), BENCH_SECONDS (default 5). About 6 minutes on 2 cores.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runJson } = require('./lib/child');
const { runThroughputBench } = require('./throughput');
const { runStreamHttpBench } = require('./stream-http');

const rounds = Number(process.env.BENCH_ROUNDS || 5);
const seconds = Number(process.env.BENCH_SECONDS || 5);

/** The targets for the injector, as multiples of each peer's throughput. */
const INJECTOR_TARGETS = { 'lol-html': 4, htmlparser2: 3 };

const fixed = (n, digits = 2) => (n === undefined || n === null ? '' : n.toFixed(digits));
const verdict = (ok) => (ok ? 'yes' : '**no**');
/** A difference with its sign: a run where geonotice measured cheaper than its reference shows as such. */
const signed = (n, digits = 0) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;

function throughputSection(http) {
  return [
    `## Throughput, 30 KB HTML page over loopback (autocannon, 10 connections, median of ${http.rounds} rounds of ${http.seconds} s` +
      `${http.pinned ? '; server and load generator pinned to separate cores' : ''}` +
      `${http.memoryReducer ? '' : "; servers without V8's memory reducer"})`,
    '',
    '| scenario | req/s | to the floor | target | met | to bare | p99 (ms) | server CPU per request (µs) |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    ...http.rows.map((row) => {
      const target = row.target === undefined ? '' : `≥ ${row.target}`;
      const met = row.target === undefined ? '' : verdict(row.toFloor >= row.target);
      const cpu = `${row.cpuPerRequest.toFixed(0)}${row.cpuOverFloor === undefined ? '' : ` (${signed(row.cpuOverFloor)})`}`;
      return `| ${row.name} | ${row.rps.toFixed(0)} | ${fixed(row.toFloor, 3)} | ${target} | ${met} | ${fixed(row.toBare, 3)} | ${row.p99} | ${cpu} |`;
    }),
    '',
    'The floor (bench/lib/floor.js) is the least a middleware does for the same contract: `req.ip`, one geoip-lite ' +
      'lookup, an Accept-Language split, `res.locals`, Cache-Control and Vary merged at header time, the notice spliced ' +
      'after the first `<body` of a string body. A ratio is the median over rounds of the two req/s figures measured in ' +
      'the same round (every other round runs the scenarios in reverse order, each beside its floor). Server CPU per ' +
      "request: the server process's user + system CPU time over each run over the requests served (median over " +
      'rounds; in brackets, the median difference from the floor in the same round). It does not depend on the load ' +
      'generator, which on two cores can be the limit of the lighter apps.',
  ];
}

function allocationSection(alloc) {
  const byName = Object.fromEntries(alloc.map((row) => [row.name, row.bytesPerRequest]));
  const floorOf = (name) => (name.includes('no notice') ? byName['floor, no notice'] : byName['floor, notice']);
  return [
    '## Heap allocated per request, same apps and page (in-process, V8 sampling heap profiler; `node bench/alloc.js`)',
    '',
    '| scenario | KB per request | more than bare | more than the floor |',
    '| --- | ---: | ---: | ---: |',
    ...alloc.map((row) => {
      const overBare = row.name === 'bare' ? '' : signed((row.bytesPerRequest - byName.bare) / 1024, 1);
      const overFloor = row.name.startsWith('geonotice')
        ? signed((row.bytesPerRequest - floorOf(row.name)) / 1024, 1)
        : '';
      return `| ${row.name} | ${(row.bytesPerRequest / 1024).toFixed(1)} | ${overBare} | ${overFloor} |`;
    }),
  ];
}

function injectorSection(inject) {
  const detached = inject.engines.find((engine) => engine.detach);
  return [
    `## The injector against its peers, ${(inject.pageBytes / 1e6).toFixed(1)} MB page in ${inject.chunkBytes / 1024} KiB chunks, body-end (median of ${inject.rounds} rounds)`,
    '',
    '| engine | MB/s | geonotice is × this | target | met | of passthrough | same output as geonotice |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- |',
    ...inject.engines.map((engine) => {
      const target = INJECTOR_TARGETS[engine.name];
      const scale =
        engine.name === 'passthrough' ? 'for scale (inserts nothing)' : engine.comparable ? 'yes' : '**no**';
      return (
        `| ${engine.name} | ${engine.mbps.toFixed(0)} | ${engine.name === 'geonotice' ? '' : fixed(engine.geonoticeTimes)} | ` +
        `${target === undefined ? '' : `≥ ${target}`} | ${target === undefined ? '' : verdict(engine.comparable && engine.geonoticeTimes >= target)} | ` +
        `${fixed(engine.ofPassthrough, 3)} | ${scale} |`
      );
    }),
    '',
    `One \`<\` per ${inject.bytesPerTag.toFixed(0)} bytes of the page. Each engine as bench/lib/injectors.js sets it up, ` +
      'timed in a process of its own; "geonotice is × this" is the median over rounds of geonotice\'s MB/s over the ' +
      "engine's in the same round." +
      (detached === undefined
        ? ''
        : ` geonotice in a process that has detached a buffer (after a \`fetch()\`, a transfer, or WebAssembly): ` +
          `${fixed(detached.lolHtmlTimes)} × lol-html.`),
  ];
}

function streamSection(stream, big) {
  return [
    '## 100 MB streamed page with a notice',
    '',
    '| measure | value | target | met |',
    '| --- | ---: | ---: | --- |',
    `| peak extra RSS, injector alone | ${fixed(stream.peakExtraRssMiB, 1)} MiB | < 32 MiB | ${verdict(stream.peakExtraRssMiB < 32)} |`,
    `| peak extra heap + external, injector alone | ${fixed(stream.peakExtraHeapMiB, 1)} MiB | | |`,
    `| output identical to one-shot injection | ${stream.identicalToOneShot} | true | ${verdict(stream.identicalToOneShot)} |`,
    '',
    `Served over HTTP (Express, piped from a generator, median of ${big.runs} runs):`,
    '',
    '| measure | bare | geonotice, notice at body-start |',
    '| --- | ---: | ---: |',
    `| time to first byte | ${fixed(big.bare.ttfbMs)} ms | ${fixed(big.geonotice.ttfbMs)} ms |`,
    `| time to last byte | ${fixed(big.bare.totalMs, 0)} ms | ${fixed(big.geonotice.totalMs, 0)} ms |`,
    `| server's peak RSS above idle | ${fixed(big.bare.extraRssMiB, 1)} MiB | ${fixed(big.geonotice.extraRssMiB, 1)} MiB (target < 32 MiB: ${verdict(big.geonotice.extraRssMiB < 32)}) |`,
    `| notice within the first 64 KiB | | ${big.geonotice.noticeInFirst64KiB} |`,
  ];
}

function decideSection(decide) {
  return [
    `## decide(), ${decide.notices} notices × ${decide.visitors} visitors`,
    '',
    '| measure | value | target | met |',
    '| --- | ---: | ---: | --- |',
    `| median per decision | ${fixed(decide.medianUs)} µs | < 5 µs | ${verdict(decide.medianUs < 5)} |`,
    `| p99 | ${fixed(decide.p99Us)} µs | | |`,
    `| median, known location | ${fixed(decide.knownLocation.medianUs)} µs | | |`,
    `| median, unknown location (${decide.unknownLocation.count} visitors; hundreds of notices apply) | ${fixed(decide.unknownLocation.medianUs)} µs | | |`,
    `| index build | ${fixed(decide.indexBuildMs, 0)} ms | | |`,
  ];
}

function esiSection(esi) {
  return [
    '## Behind a shared cache: the example site behind Varnish (examples/05-varnish), one run',
    '',
    esi === null
      ? 'Not measured: Varnish is not installed (apt-get install -y varnish).'
      : `Page requests served from the cache once warm, ${esi.requests} requests from five places in five languages over ten pages: ` +
        `**${fixed(esi.esi, 3)}** with \`delivery: 'esi'\` (target ≥ 0.99: ${verdict(esi.esi >= 0.99)}), ${fixed(esi.inject, 3)} with \`delivery: 'inject'\`.`,
  ];
}

function networksSection(networks) {
  return [
    `## Network lookup (the shipped rules: ${networks.systems} AS numbers, ${networks.prefixes} prefixes, a ${networks.tableBytes}-byte table, merged into ${networks.v4Ranges} IPv4 and ${networks.v6Ranges} IPv6 ranges)`,
    '',
    '| measure | value | target | met |',
    '| --- | ---: | ---: | --- |',
    `| one networks check, IPv4, address inside / outside | ${fixed(networks.nsInsideV4, 0)} / ${fixed(networks.nsOutsideV4, 0)} ns | < 1,000 ns | ${verdict(Math.max(networks.nsInsideV4, networks.nsOutsideV4) < 1000)} |`,
    `| one networks check, IPv6, address inside / outside | ${fixed(networks.nsInsideV6, 0)} / ${fixed(networks.nsOutsideV6, 0)} ns | < 1,000 ns | ${verdict(Math.max(networks.nsInsideV6, networks.nsOutsideV6) < 1000)} |`,
    `| decide(), region misses, network decides (in / out) | ${fixed(networks.nsDecideByNetwork, 0)} / ${fixed(networks.nsDecideNoNetwork, 0)} ns | | |`,
  ];
}

function workerdSection(workerd) {
  if (workerd === null) return ['## Inside workerd', '', 'Not measured: miniflare is not installed.'];
  const [geonotice, rewriter] = workerd.engines;
  const met = workerd.sameOutput && workerd.geonoticeOverHtmlRewriter <= 1;
  return [
    `## Inside workerd (miniflare): geonotice/fetch against HTMLRewriter, ${(workerd.pageBytes / 1e6).toFixed(1)} MB page, body-end (median of ${workerd.rounds} rounds)`,
    '',
    '| Worker | ms per page | added to the passthrough (ms) | as MB/s |',
    '| --- | ---: | ---: | ---: |',
    `| passthrough | ${fixed(workerd.passthroughMs, 1)} | | |`,
    ...[geonotice, rewriter].map(
      (engine) =>
        `| ${engine.name === 'geonotice' ? '`geonoticeFetch().transform`' : "`HTMLRewriter().on('body', …append)`"} | ${fixed(engine.ms, 1)} | ${fixed(engine.addedMs, 1)} | ${fixed(engine.addedMBps, 0)} |`,
    ),
    '',
    `geonotice's added time over HTMLRewriter's (median of the ratios per round): **${fixed(workerd.geonoticeOverHtmlRewriter)}** ` +
      `(target ≤ 1: ${verdict(met)}); the two outputs ${workerd.sameOutput ? 'are identical' : '**differ**'}.`,
  ];
}

function memorySection(memory) {
  return [
    '## Memory per process (RSS after start and 100 decisions)',
    '',
    '| process | RSS |',
    '| --- | ---: |',
    `| Express alone | ${fixed(memory.baselineMiB, 0)} MiB |`,
    `| geonotice, default geo source (geoip-lite, full city data) | ${fixed(memory.geoipLite.rssMiB, 0)} MiB |`,
    `| geonotice, country-only geo source (geoipCountryProvider) | ${fixed(memory.geoipCountry.rssMiB, 0)} MiB |`,
    `| geonotice, CDN country header only (no geo data loaded) | ${fixed(memory.cdnHeader.rssMiB, 0)} MiB |`,
  ];
}

async function main() {
  const results = {};
  console.log('decide …');
  results.decide = runJson('decide.js');
  console.log('network lookup …');
  results.networks = runJson('networks.js');
  console.log('injector against its peers …');
  results.injector = runJson('injector.js', { env: { ROUNDS: String(Math.max(rounds, 7)) } });
  console.log('100 MB streamed page …');
  results.stream = runJson('stream-memory.js');
  results.streamHttp = await runStreamHttpBench();
  console.log('inside workerd …');
  results.workerd = fs.existsSync(path.join(__dirname, '..', 'node_modules', 'miniflare'))
    ? runJson('workerd.js')
    : null;
  console.log('memory per process …');
  results.memory = runJson('memory.js');
  console.log('heap allocated per request …');
  results.alloc = runJson('alloc.js');
  console.log('page hit ratio behind Varnish …');
  results.esi = fs.existsSync('/usr/sbin/varnishd') ? runJson('esi-cache.js') : null;
  console.log(`throughput (${rounds} rounds × ${seconds} s per scenario) …`);
  results.throughput = await runThroughputBench({ rounds, seconds });

  const cpu = os.cpus();
  const sections = [
    throughputSection(results.throughput),
    allocationSection(results.alloc),
    injectorSection(results.injector),
    workerdSection(results.workerd),
    streamSection(results.stream, results.streamHttp),
    decideSection(results.decide),
    esiSection(results.esi),
    networksSection(results.networks),
    memorySection(results.memory),
  ];
  const markdown = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, by \`npm run bench\`. One run: ` +
      'docs/performance.md gives the ranges over several.',
    '',
    ...sections.flatMap((section) => [...section, '']),
  ].join('\n');
  fs.writeFileSync(path.join(__dirname, 'results.md'), markdown);
  if (process.env.BENCH_JSON_OUT)
    fs.writeFileSync(
      process.env.BENCH_JSON_OUT,
      JSON.stringify({ date: new Date().toISOString(), ...results }, null, 2),
    );
  console.log(`\n${markdown}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
