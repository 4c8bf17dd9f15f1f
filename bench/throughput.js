'use strict';
/**
 * Throughput of a 30 KB HTML page over loopback (autocannon, 10 connections): the same Express app
 * bare, behind the hand-written floor (bench/lib/floor.js) and behind geonotice, plain and behind
 * compression(). Each app runs in a process of its own, pinned to one core, autocannon to the
 * other. Every round runs each scenario once, in the listed order or its reverse every other
 * round, with each geonotice scenario beside its floor; a ratio is the median over rounds of the
 * two figures taken in the same round, so a slow moment of the machine hits both sides alike.
 *
 *   node bench/throughput.js      (after npm run build) BENCH_ROUNDS (5), BENCH_SECONDS (5),
 *                                 BENCH_ONLY=TEXT: the scenarios whose names contain TEXT,
 *                                 BENCH_MEMORY_REDUCER=1: servers with V8's memory reducer (lib/server.js)
 */
const { load } = require('./lib/autocannon');
const { VISITORS } = require('./lib/apps');
const { startServer, canPin, memoryReducer } = require('./lib/server');
const { median, pairedDifference, pairedRatio } = require('./lib/stats');

const GZIP = { 'accept-encoding': 'gzip' };

/** `floor` and `bare` name the scenarios a scenario is a ratio to; `target` is the documented one (docs/performance.md), against the floor. */
const SCENARIOS = [
  { name: 'bare', server: 'bare', ip: VISITORS.noNotice },
  {
    name: 'geonotice, no notice applies',
    server: 'geonotice',
    ip: VISITORS.noNotice,
    floor: 'floor, no notice',
    bare: 'bare',
    target: 0.95,
  },
  { name: 'floor, no notice', server: 'floor', ip: VISITORS.noNotice, bare: 'bare' },
  { name: 'floor, notice', server: 'floor', ip: VISITORS.bodyStart, bare: 'bare' },
  {
    name: 'geonotice, notice at body-start',
    server: 'geonotice',
    ip: VISITORS.bodyStart,
    floor: 'floor, notice',
    bare: 'bare',
    target: 0.9,
  },
  {
    name: 'geonotice, notice at body-end',
    server: 'geonotice',
    ip: VISITORS.bodyEnd,
    floor: 'floor, notice',
    bare: 'bare',
  },
  { name: 'bare + compression', server: 'bare-gzip', ip: VISITORS.noNotice, headers: GZIP },
  {
    name: 'floor + compression, notice',
    server: 'floor-gzip',
    ip: VISITORS.bodyStart,
    headers: GZIP,
    bare: 'bare + compression',
  },
  {
    name: 'geonotice + compression, notice',
    server: 'geonotice-gzip',
    ip: VISITORS.bodyStart,
    headers: GZIP,
    floor: 'floor + compression, notice',
    bare: 'bare + compression',
  },
];

async function serverCpu(port) {
  const response = await fetch(`http://127.0.0.1:${port}/cpu`);
  return (await response.json()).cpu;
}

function loadOnce(port, scenario, seconds) {
  const headers = { 'x-forwarded-for': scenario.ip, 'accept-language': 'en', ...scenario.headers };
  return load(`http://127.0.0.1:${port}/page`, seconds, headers);
}

/** One load run, with the server's CPU time per request over it. */
async function measure(port, scenario, seconds) {
  const before = await serverCpu(port);
  const result = await loadOnce(port, scenario, seconds);
  const after = await serverCpu(port);
  return { ...result, cpuPerRequest: (after - before) / Math.max(1, result.requests) };
}

/** The scenarios whose names contain `only` (all when empty), with the floors and bares they are ratios to. */
function selected(only) {
  const wanted = new Set(SCENARIOS.filter((s) => s.name.includes(only)).flatMap((s) => [s.name, s.floor, s.bare]));
  return SCENARIOS.filter((s) => wanted.has(s.name));
}

async function runThroughputBench({ rounds = 5, seconds = 5, only = '', log = console.log } = {}) {
  const scenarios = selected(only);
  const servers = {};
  try {
    for (const variant of new Set(scenarios.map((s) => s.server))) servers[variant] = await startServer(variant);
    // Warm-up: JIT, the geo data's first pages, zlib.
    for (const scenario of scenarios) await loadOnce(servers[scenario.server].port, scenario, 1);
    const samples = Object.fromEntries(scenarios.map((s) => [s.name, { rps: [], p99: [], cpu: [], errors: 0 }]));
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of round % 2 === 1 ? scenarios : [...scenarios].reverse()) {
        const result = await measure(servers[scenario.server].port, scenario, seconds);
        const sample = samples[scenario.name];
        sample.rps.push(result.rps);
        sample.cpu.push(result.cpuPerRequest);
        sample.p99.push(result.p99);
        sample.errors += result.errors;
      }
      log(`  throughput round ${round}/${rounds} done`);
    }
    const against = (own, name) => (name === undefined ? undefined : pairedRatio(own.rps, samples[name].rps));
    const rows = scenarios.map((scenario) => {
      const own = samples[scenario.name];
      return {
        name: scenario.name,
        rps: median(own.rps),
        p99: median(own.p99),
        cpuPerRequest: median(own.cpu),
        errors: own.errors,
        floor: scenario.floor,
        toFloor: against(own, scenario.floor),
        cpuOverFloor: scenario.floor === undefined ? undefined : pairedDifference(own.cpu, samples[scenario.floor].cpu),
        bare: scenario.bare,
        toBare: against(own, scenario.bare),
        target: scenario.target,
        perRound: own.rps,
      };
    });
    return { rounds, seconds, pageBytes: 30 * 1024, pinned: canPin, memoryReducer, rows };
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
}

module.exports = { runThroughputBench };

if (require.main === module) {
  const rounds = Number(process.env.BENCH_ROUNDS || 5);
  const seconds = Number(process.env.BENCH_SECONDS || 5);
  const quiet = Boolean(process.env.GEONOTICE_BENCH_JSON);
  void runThroughputBench({
    rounds,
    seconds,
    only: process.env.BENCH_ONLY ?? '',
    log: quiet ? () => undefined : console.log,
  }).then((result) => {
    if (!quiet) {
      for (const row of result.rows) {
        const ratios = [
          row.toFloor === undefined ? '' : `${row.toFloor.toFixed(3)} of ${row.floor}`,
          row.toBare === undefined ? '' : `${row.toBare.toFixed(3)} of ${row.bare}`,
        ];
        console.log(
          `${row.name.padEnd(34)} ${row.rps.toFixed(0).padStart(6)} req/s  ${ratios.filter(Boolean).join('; ')}`,
        );
      }
    }
    console.log(JSON.stringify(result));
  });
}
