'use strict';
/**
 * The network lookup of the shipped rules: how big the network table is, and what one check of a
 * visitor's address against the `occupied-ukraine-isps` condition costs (a binary search over the
 * condition's merged ranges), for addresses inside and outside the networks, IPv4 and IPv6; and
 * what a whole decide() costs for a visitor whose region misses and whose network is checked.
 *
 *   node bench/networks.js          (after npm run build) prints a table
 * With GEONOTICE_BENCH_JSON set it prints one JSON line, for bench/run.js.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadRules, decide } = require('../dist');
const { inNetworks } = require('../dist/core/networks');

const ROOT = path.join(__dirname, '..');
const ROUNDS = 7;
const CALLS = 200_000;

/** Median nanoseconds per call of `fn` over a cycle of inputs. */
function timePerCall(inputs, fn) {
  const samples = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) if (fn(inputs[i % inputs.length])) sink++;
    samples.push(Number(process.hrtime.bigint() - start) / CALLS);
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function run() {
  const ruleSet = loadRules(path.join(ROOT, 'rules'));
  const condition = ruleSet.notices[0].conditions.find((c) => c.networks !== undefined);
  const matcher = condition.networks;
  const tableFile = path.join(ROOT, 'rules/networks/as-prefixes.yaml');
  const prefixes = [...ruleSet.networks.values()].flatMap((n) => n.entries).flatMap((e) => e.prefixes);
  // Addresses inside (from each AS's ranges) and outside (well-known resolvers, a Kyiv ISP).
  const inside = ['2.59.51.37', '77.83.16.37', '91.194.163.37', '62.76.12.37', '31.133.48.37', '185.178.244.37'];
  const outside = ['8.8.8.8', '1.1.1.1', '176.37.0.1', '9.9.9.9', '93.170.0.1', '104.16.0.1'];
  const inside6 = ['2a04:f800::25', '2a05:5840::25', '2a0d:2180::25'];
  const outside6 = ['2001:4860:4860::8888', '2606:4700:4700::1111', '2a00:1450:4001::1'];
  const check = (address) => inNetworks(matcher, { address });
  const visitor = (address) => ({ country: 'CZ', region: 'CZ-10', languages: ['en'], path: '/', address });
  const decideFor = (address) => decide(ruleSet, visitor(address)).length > 0;
  const distinct = (list) => list.map((address, i) => `${address}`.replace(/\.37$/, `.${30 + (i % 50)}`));
  return {
    systems: ruleSet.networks.get('occupied-ukraine-isps').entries.length,
    prefixes: prefixes.length,
    v4Ranges: matcher.ranges.v4Starts.length,
    v6Ranges: matcher.ranges.v6Starts.length / 4,
    tableBytes: fs.statSync(tableFile).size,
    nsInsideV4: timePerCall(inside, check),
    nsOutsideV4: timePerCall(outside, check),
    nsInsideV6: timePerCall(inside6, check),
    nsOutsideV6: timePerCall(outside6, check),
    nsChangingAddressV4: timePerCall(distinct([...inside, ...outside]), check),
    nsDecideByNetwork: timePerCall(inside, decideFor),
    nsDecideNoNetwork: timePerCall(outside, decideFor),
  };
}

if (require.main === module) {
  const result = run();
  if (process.env.GEONOTICE_BENCH_JSON) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.log(
      `network table: ${result.systems} AS numbers, ${result.prefixes} prefixes, ${result.tableBytes} bytes; ` +
        `merged into ${result.v4Ranges} IPv4 and ${result.v6Ranges} IPv6 ranges`,
    );
    for (const [key, value] of Object.entries(result))
      if (key.startsWith('ns')) console.log(`${key.padEnd(22)} ${value.toFixed(0)} ns`);
  }
}

module.exports = { run };
