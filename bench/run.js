'use strict';
/**
 * `npm run bench`: every benchmark in one run, each part in its own process so that one part's
 * heap and JIT state do not colour the next. Prints a table and writes bench/results.md.
 * Throughput figures are ratios against the same Express app without geonotice, measured in the
 * same run. Environment: BENCH_ROUNDS (default 3), BENCH_SECONDS (default 5).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runHttpBench } = require('./http');
const { runTtfbBench } = require('./ttfb');

const rounds = Number(process.env.BENCH_ROUNDS || 5);
const seconds = Number(process.env.BENCH_SECONDS || 5);

function jsonChild(script, env = {}) {
  const child = spawnSync(process.execPath, [path.join(__dirname, script)], {
    env: { ...process.env, GEONOTICE_BENCH_JSON: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${script} failed: ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const fixed = (n, digits = 2) => (n === undefined ? '' : n.toFixed(digits));
const verdict = (ok) => (ok ? 'yes' : '**no**');
/** A difference with its sign: a run where geonotice measured cheaper than bare shows as such. */
const signed = (n, digits = 0) => `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;

async function main() {
  console.log('decide …');
  const decide = jsonChild('decide-json.js');
  console.log('network lookup …');
  const networks = jsonChild('networks.js');
  console.log('injector …');
  const inject = jsonChild('inject.js', { ROUNDS: String(Math.max(rounds, 5)) });
  const stream = jsonChild('inject.js', { GEONOTICE_BENCH_PART: 'stream' });
  console.log('100 MB page over HTTP …');
  const big = await runTtfbBench();
  console.log('memory …');
  const memory = JSON.parse(spawnSync(process.execPath, [path.join(__dirname, 'memory.js')], { encoding: 'utf8' }).stdout.trim());
  console.log('heap allocated per request …');
  const alloc = JSON.parse(spawnSync(process.execPath, [path.join(__dirname, 'alloc.js')], { encoding: 'utf8' }).stdout.trim());
  const allocBare = alloc.find((row) => row.name === 'bare').bytesPerRequest;
  console.log('page hit ratio behind Varnish …');
  const esi = fs.existsSync('/usr/sbin/varnishd') ? jsonChild('esi-cache.js') : null;
  console.log(`http (${rounds} rounds × ${seconds} s per scenario) …`);
  const http = await runHttpBench({ rounds, seconds });

  const lines = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, by \`npm run bench\`.`,
    '',
    `## Throughput, 30 KB HTML page over loopback (autocannon, 10 connections, median of ${http.rounds} rounds of ${http.seconds} s` +
      `${http.pinned ? '; server and load generator pinned to separate cores' : ''})`,
    '',
    '| scenario | req/s | ratio to baseline | budget | met | p99 latency (ms) | server CPU per request (µs) |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
    ...http.rows.map(
      (row) =>
        `| ${row.name} | ${row.rps.toFixed(0)} | ${row.baseline ? `${fixed(row.ratio)} of ${row.baseline}` : 'baseline'} | ` +
        `${row.budget ? `≥ ${row.budget}` : ''} | ${row.budget ? verdict(row.ratio >= row.budget) : ''} | ${row.p99} | ` +
        `${row.cpuPerRequest.toFixed(0)}${row.baseline ? ` (${signed(row.cpuOverBaseline)})` : ''} |`,
    ),
    '',
    'Ratio: the median over rounds of the scenario\'s req/s over its baseline\'s in the same round (every other round ' +
      'runs the scenarios in reverse order). ' +
      'Server CPU per request: the server process\'s user + system CPU time over each run, divided by the requests ' +
      'served (median over rounds; in brackets, the median over rounds of the difference from the baseline in the same ' +
      'round). It does not depend on the load generator, ' +
      'which on two cores can be the limit of the bare runs.',
    '',
    '## Heap allocated per request, same app and page (in-process, V8 sampling heap profiler; `node bench/alloc.js`)',
    '',
    '| scenario | KB per request | more than bare |',
    '| --- | ---: | ---: |',
    ...alloc.map(
      (row) =>
        `| ${row.name} | ${(row.bytesPerRequest / 1024).toFixed(1)} | ${row.name === 'bare' ? '' : signed((row.bytesPerRequest - allocBare) / 1024, 1)} |`,
    ),
    '',
    '## The injector alone, 10 MB page in 64 KiB chunks',
    '',
    '| measure | value | budget | met |',
    '| --- | ---: | ---: | --- |',
    `| plain byte passthrough | ${inject.passthroughMBps.toFixed(0)} MB/s | | |`,
    `| injector, body-start + body-end | ${inject.injectorMBps.toFixed(0)} MB/s | | |`,
    `| ratio, body-start + body-end | ${fixed(inject.ratio)} | ≥ 0.30 | ${verdict(inject.ratio >= 0.3)} |`,
    `| ratio, body-start only (scan stops at \`<body>\`) | ${fixed(inject.startOnlyRatio)} | ≥ 0.30 | ${verdict(inject.startOnlyRatio >= 0.3)} |`,
    `| for scale: naive \`indexOf('</body>')\` per chunk (misplaces notices, inserts nothing) | ${fixed(inject.naiveRatio)} | | |`,
    `| page density | one \`<\` per ${inject.bytesPerTag.toFixed(0)} bytes | | |`,
    '',
    '## 100 MB streamed page with a notice',
    '',
    '| measure | value | budget | met |',
    '| --- | ---: | ---: | --- |',
    `| peak extra RSS | ${fixed(stream.peakExtraRssMiB, 1)} MiB | < 32 MiB | ${verdict(stream.peakExtraRssMiB < 32)} |`,
    `| peak extra heap + external | ${fixed(stream.peakExtraHeapMiB, 1)} MiB | | |`,
    `| output identical to one-shot injection | ${stream.identicalToOneShot} | true | ${verdict(stream.identicalToOneShot)} |`,
    '',
    `Served over HTTP (Express, piped from a generator, median of ${big.runs} runs):`,
    '',
    '| measure | bare | geonotice, notice at body-start |',
    '| --- | ---: | ---: |',
    `| time to first byte | ${fixed(big.bare.ttfbMs)} ms | ${fixed(big.geonotice.ttfbMs)} ms |`,
    `| time to last byte | ${fixed(big.bare.totalMs, 0)} ms | ${fixed(big.geonotice.totalMs, 0)} ms |`,
    `| server's peak RSS above idle | ${fixed(big.bare.extraRssMiB, 1)} MiB | ${fixed(big.geonotice.extraRssMiB, 1)} MiB (budget < 32 MiB: ${verdict(big.geonotice.extraRssMiB < 32)}) |`,
    `| notice within the first 64 KiB | | ${big.geonotice.noticeInFirst64KiB} |`,
    '',
    `## decide(), ${decide.notices} notices × ${decide.visitors} visitors`,
    '',
    '| measure | value | budget | met |',
    '| --- | ---: | ---: | --- |',
    `| median per decision | ${fixed(decide.medianUs)} µs | < 5 µs | ${verdict(decide.medianUs < 5)} |`,
    `| p99 | ${fixed(decide.p99Us)} µs | | |`,
    `| median, known location | ${fixed(decide.knownLocation.medianUs)} µs | | |`,
    `| median, unknown location (${decide.unknownLocation.count ?? ''} visitors; hundreds of notices apply) | ${fixed(decide.unknownLocation.medianUs)} µs | | |`,
    `| index build | ${fixed(decide.indexBuildMs, 0)} ms | | |`,
    '',
    '## Behind a shared cache: the example site behind Varnish (examples/05-varnish), one run',
    '',
    esi === null
      ? 'Not measured: Varnish is not installed (apt-get install -y varnish).'
      : `Page requests served from the cache once warm, ${esi.requests} requests from five places in five languages over ten pages: ` +
        `**${fixed(esi.esi, 3)}** with \`delivery: 'esi'\` (budget ≥ 0.99: ${verdict(esi.esi >= 0.99)}), ${fixed(esi.inject, 3)} with \`delivery: 'inject'\`.`,
    '',
    `## Network lookup (the shipped rules: ${networks.systems} AS numbers, ${networks.prefixes} prefixes, a ${networks.tableBytes}-byte table, merged into ${networks.v4Ranges} IPv4 and ${networks.v6Ranges} IPv6 ranges)`,
    '',
    '| measure | value | budget | met |',
    '| --- | ---: | ---: | --- |',
    `| one networks check, IPv4, address inside / outside | ${fixed(networks.nsInsideV4, 0)} / ${fixed(networks.nsOutsideV4, 0)} ns | < 1,000 ns | ${verdict(Math.max(networks.nsInsideV4, networks.nsOutsideV4) < 1000)} |`,
    `| one networks check, IPv6, address inside / outside | ${fixed(networks.nsInsideV6, 0)} / ${fixed(networks.nsOutsideV6, 0)} ns | < 1,000 ns | ${verdict(Math.max(networks.nsInsideV6, networks.nsOutsideV6) < 1000)} |`,
    `| decide(), region misses, network decides (in / out) | ${fixed(networks.nsDecideByNetwork, 0)} / ${fixed(networks.nsDecideNoNetwork, 0)} ns | | |`,
    '',
    '## Memory per process (RSS after start and 100 decisions)',
    '',
    '| process | RSS |',
    '| --- | ---: |',
    `| Express alone | ${fixed(memory.baselineMiB, 0)} MiB |`,
    `| geonotice, default geo source (geoip-lite, full city data) | ${fixed(memory.geoipLite.rssMiB, 0)} MiB |`,
    `| geonotice, country-only geo source (geoipCountryProvider) | ${fixed(memory.geoipCountry.rssMiB, 0)} MiB |`,
    `| geonotice, CDN country header only (no geo data loaded) | ${fixed(memory.cdnHeader.rssMiB, 0)} MiB |`,
    '',
  ];
  const markdown = lines.join('\n');
  fs.writeFileSync(path.join(__dirname, 'results.md'), markdown);
  console.log(`\n${markdown}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
