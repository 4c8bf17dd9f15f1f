'use strict';
/**
 * Throughput of a 30 KB HTML page over loopback: the same Express app bare and with geonotice,
 * plain and behind compression(). Servers run in their own processes; autocannon drives them
 * from this one. Scenarios alternate within each round (in reverse every other round), and a
 * scenario's ratio is the median over rounds of its throughput over its baseline's in the same
 * round, so a slow moment of the machine hits both sides of a pair alike.
 */
const { execFile, spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

// On two cores, the server and the load generator fight for the same CPU unless each has its
// own: pin them (server on the last core, autocannon on the first) where taskset exists.
const cores = require('node:os').cpus().length;
const pin = cores > 1 && spawnSync('taskset', ['--version']).status === 0;
const pinned = (core, command, args) => (pin ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]);

const CRIMEA = '31.135.112.1'; // UA-43 in the pinned data: gets the body-start notice
const SEVASTOPOL = '78.30.208.1'; // UA-40: gets the body-end notice
const US = '8.8.8.8'; // no notice

const SCENARIOS = [
  { name: 'bare', server: 'bare', ip: US },
  { name: 'geonotice, no notice applies', server: 'geonotice', ip: US, baseline: 'bare', budget: 0.97 },
  { name: 'geonotice, notice at body-start', server: 'geonotice', ip: CRIMEA, baseline: 'bare', budget: 0.9 },
  { name: 'geonotice, notice at body-end', server: 'geonotice', ip: SEVASTOPOL, baseline: 'bare', budget: 0.9 },
  { name: 'bare + compression', server: 'bare-gzip', ip: US, gzip: true },
  { name: 'geonotice + compression, notice', server: 'geonotice-gzip', ip: CRIMEA, gzip: true, baseline: 'bare + compression', budget: 0.9 },
];

function startServer(variant) {
  return new Promise((resolve, reject) => {
    const [command, args] = pinned(cores - 1, process.execPath, [path.join(__dirname, 'http-server.js'), variant]);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (data) => {
      const match = /listening (\d+)/.exec(String(data));
      if (match) resolve({ child, port: Number(match[1]) });
      else reject(new Error(`server ${variant} said: ${data}`));
    });
    child.once('exit', (code) => reject(new Error(`server ${variant} exited with ${code}`)));
  });
}

async function serverCpu(port) {
  const response = await fetch(`http://127.0.0.1:${port}/cpu`);
  return (await response.json()).cpu;
}

/** One load run, with the server's CPU time per request over it. */
async function measure(port, scenario, seconds) {
  const before = await serverCpu(port);
  const result = await load(port, scenario, seconds);
  const after = await serverCpu(port);
  return { ...result, cpuPerRequest: (after - before) / Math.max(1, result.requests) };
}

function load(port, scenario, seconds) {
  const headers = { 'x-forwarded-for': scenario.ip, 'accept-language': 'en', ...(scenario.gzip ? { 'accept-encoding': 'gzip' } : {}) };
  const [command, args] = pinned(0, process.execPath, [path.join(__dirname, 'load.js'), `http://127.0.0.1:${port}/page`, String(seconds), JSON.stringify(headers)]);
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout.trim()))));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function runHttpBench({ rounds = 3, seconds = 5, log = console.log } = {}) {
  const variants = [...new Set(SCENARIOS.map((s) => s.server))];
  const servers = {};
  for (const variant of variants) servers[variant] = await startServer(variant);
  try {
    // Warm-up: JIT, the geo data's first pages, zlib.
    for (const scenario of SCENARIOS) await load(servers[scenario.server].port, scenario, 1);
    const samples = Object.fromEntries(SCENARIOS.map((s) => [s.name, { rps: [], p99: [], cpu: [], errors: 0 }]));
    for (let round = 1; round <= rounds; round++) {
      // Every other round runs the scenarios in reverse, so that a machine that speeds up or slows
      // down during a round does not always favour the same side of a pair.
      const order = round % 2 === 1 ? SCENARIOS : [...SCENARIOS].reverse();
      for (const scenario of order) {
        const result = await measure(servers[scenario.server].port, scenario, seconds);
        samples[scenario.name].rps.push(result.rps);
        samples[scenario.name].cpu.push(result.cpuPerRequest);
        samples[scenario.name].p99.push(result.p99);
        samples[scenario.name].errors += result.errors;
      }
      log(`  http round ${round}/${rounds} done`);
    }
    const rows = SCENARIOS.map((scenario) => ({
      name: scenario.name,
      rps: median(samples[scenario.name].rps),
      p99: median(samples[scenario.name].p99),
      cpuPerRequest: median(samples[scenario.name].cpu),
      errors: samples[scenario.name].errors,
      baseline: scenario.baseline,
      budget: scenario.budget,
    }));
    // Each scenario against its baseline measured in the same round, then the median over rounds:
    // this VM's speed drifts over minutes, and a pair taken within one round shares the drift.
    for (const row of rows) {
      if (!row.baseline) continue;
      const own = samples[row.name];
      const base = samples[row.baseline];
      row.ratio = median(own.rps.map((rps, round) => rps / base.rps[round]));
      row.cpuOverBaseline = median(own.cpu.map((cpu, round) => cpu - base.cpu[round]));
    }
    return { rounds, seconds, connections: 10, pageBytes: 30 * 1024, pinned: pin, rows };
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
}

module.exports = { runHttpBench };

if (require.main === module) {
  runHttpBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
