'use strict';
/**
 * CPU per request of several apps in one process, alternated: the tool for asking whether a
 * change to the request path is worth its microseconds on a machine whose speed drifts and which
 * others load. Each round runs a short batch through every app (starting with a different one
 * each round). Printed per app: the median and the 10th percentile of its CPU per request over
 * the rounds, the median over rounds of its difference from the first app in the same round,
 * and the difference of the 10th percentiles (the least disturbed batches; on a loaded machine
 * the steadier of the two).
 *
 *   node bench/cpu-ab.js IP APP [APP …]     e.g. node bench/cpu-ab.js 31.135.112.1 bare geonotice
 *
 * APP is a variant of the bench app (bare, floor, geonotice, each also with -gzip), geonotice as
 * built elsewhere (`geonotice@DIR`: copy `dist` to a folder inside the checkout, so that it finds
 * node_modules, change and rebuild, then compare `geonotice@.ab/dist geonotice`), or a probe of
 * one cost on its own, in front of the bare app: `bare+req.ip` reads `req.ip`,
 * `bare+own-method` assigns one method to each response (what on-headers does).
 * Environment: ROUNDS (default 200), BATCH (requests per app per round, default 200).
 */
const { createBenchApp } = require('./lib/apps');
const { requests } = require('./lib/in-process');
const { median, pairedDifference, quantile } = require('./lib/stats');

const ROUNDS = Number(process.env.ROUNDS || 200);
const BATCH = Number(process.env.BATCH || 200);

const PROBES = {
  'bare+req.ip': (app) =>
    app.use((req, res, next) => {
      if (req.ip === undefined) throw new Error('no req.ip');
      next();
    }),
  'bare+own-method': (app) =>
    app.use((req, res, next) => {
      const writeHead = res.writeHead;
      res.writeHead = function (...args) {
        return writeHead.apply(this, args);
      };
      next();
    }),
};

function appFor(name) {
  const probe = PROBES[name];
  return probe === undefined ? createBenchApp(name) : createBenchApp('bare', probe);
}

async function main() {
  const [ip, ...names] = process.argv.slice(2);
  if (ip === undefined || names.length === 0) throw new Error('usage: node bench/cpu-ab.js IP APP [APP …]');
  const gzip = { 'accept-encoding': 'gzip' };
  const apps = names.map((name) => ({
    name,
    app: appFor(name),
    headers: name.split('@')[0].endsWith('-gzip') ? gzip : {},
  }));
  for (const { app, headers } of apps) await requests(app, ip, BATCH * 2, headers);
  const perRequest = apps.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < apps.length; k++) {
      const index = (k + round) % apps.length;
      const { app, headers } = apps[index];
      const before = process.cpuUsage();
      await requests(app, ip, BATCH, headers);
      const used = process.cpuUsage(before);
      perRequest[index].push((used.user + used.system) / BATCH);
    }
  }
  const signed = (n) => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
  const width = Math.max(...names.map((name) => name.length));
  console.log(`${'app'.padEnd(width)}  median µs  p10 µs   paired median and p10 difference from ${names[0]}`);
  apps.forEach(({ name }, index) => {
    const own = perRequest[index];
    const first = perRequest[0];
    const differences =
      index === 0
        ? ''
        : `${signed(pairedDifference(own, first)).padStart(7)}  ${signed(quantile(own, 0.1) - quantile(first, 0.1)).padStart(7)}`;
    console.log(
      `${name.padEnd(width)}  ${median(own).toFixed(2).padStart(9)}  ${quantile(own, 0.1).toFixed(2).padStart(6)}   ${differences}`,
    );
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
