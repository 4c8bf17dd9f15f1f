'use strict';
/**
 * CPU per request of several apps served over loopback at the same time: each app in a process of
 * its own, all on one core, each driven by its own autocannon on the other core, for a few
 * seconds per round. Running side by side, they share every disturbance of the machine at the
 * same moment; alternating rounds cannot promise that on a machine others load. The tool for
 * deciding whether a change shows over HTTP (`geonotice@.ab/NAME/dist` against `geonotice`).
 *
 *   node bench/http-ab.js IP APP APP [APP …]      ROUNDS (default 10), SECONDS (default 3)
 */
const { load } = require('./lib/autocannon');
const { startServer } = require('./lib/server');
const { median, pairedDifference, pairedRatio } = require('./lib/stats');

const ROUNDS = Number(process.env.ROUNDS || 10);
const SECONDS = Number(process.env.SECONDS || 3);

async function serverCpu(port) {
  const response = await fetch(`http://127.0.0.1:${port}/cpu`);
  return (await response.json()).cpu;
}

async function main() {
  const [ip, ...names] = process.argv.slice(2);
  if (ip === undefined || names.length < 2) throw new Error('usage: node bench/http-ab.js IP APP APP [APP …]');
  const servers = [];
  try {
    for (const name of names) servers.push(await startServer(name));
    const headers = { 'x-forwarded-for': ip, 'accept-language': 'en' };
    const once = (seconds) =>
      Promise.all(
        servers.map(async ({ port }) => {
          const before = await serverCpu(port);
          const result = await load(`http://127.0.0.1:${port}/page`, seconds, headers);
          const after = await serverCpu(port);
          return { rps: result.rps, cpu: (after - before) / Math.max(1, result.requests) };
        }),
      );
    await once(1);
    const cpu = names.map(() => []);
    const rps = names.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      (await once(SECONDS)).forEach((result, index) => {
        cpu[index].push(result.cpu);
        rps[index].push(result.rps);
      });
    }
    const signed = (n) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
    names.forEach((name, index) => {
      const against =
        index === 0
          ? ''
          : `  ${signed(pairedDifference(cpu[index], cpu[0]))} µs, req/s ${pairedRatio(rps[index], rps[0]).toFixed(3)} of ${names[0]}`;
      console.log(
        `${name.padEnd(28)} ${median(cpu[index]).toFixed(1).padStart(6)} µs per request  ${median(rps[index]).toFixed(0).padStart(5)} req/s${against}`,
      );
    });
  } finally {
    for (const { child } of servers) child.kill();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
