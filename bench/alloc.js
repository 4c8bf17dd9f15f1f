'use strict';
/**
 * Heap allocated per request: the throughput benchmark's app (same page, rules and visitors),
 * driven in-process through `app.handle` with in-memory sockets, under V8's sampling heap
 * profiler counting collected objects too. On a shared machine this is the steady measure of
 * the request path: throughput and CPU move by ±10 % from run to run, allocation does not.
 *
 *   node bench/alloc.js                  every scenario, each in a fresh process, as JSON
 *   node bench/alloc.js APP IP [SITES]   one app (bare, floor, geonotice, geonotice@DIR …) and
 *                                        its SITES largest allocation sites (function, file and
 *                                        line, bytes per request)
 *   SURVIVING=1 node bench/alloc.js APP IP [SITES]
 *                                        only what outlives a young-generation collection (the
 *                                        profiler forgets what scavenges free): what costs the
 *                                        collector copying, by the site that allocated it
 */
const { spawnSync } = require('node:child_process');
const inspector = require('node:inspector');
const path = require('node:path');
const { VISITORS } = require('./lib/apps');
const { requests } = require('./lib/in-process');

/** Allocation sites are named relative to the project, or to node_modules. */
const ROOT = `${path.resolve(__dirname, '..')}/`;

const SCENARIOS = [
  { name: 'bare', variant: 'bare', ip: VISITORS.noNotice },
  { name: 'floor, no notice', variant: 'floor', ip: VISITORS.noNotice },
  { name: 'floor, notice', variant: 'floor', ip: VISITORS.bodyStart },
  { name: 'geonotice, no notice applies', variant: 'geonotice', ip: VISITORS.noNotice },
  { name: 'geonotice, notice at body-start', variant: 'geonotice', ip: VISITORS.bodyStart },
  { name: 'geonotice, notice at body-end', variant: 'geonotice', ip: VISITORS.bodyEnd },
];
const WARM_UP = 5000;
const MEASURED = 20000;

function post(session, method, params) {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function measure(variant, ip, sites, surviving) {
  const { createBenchApp } = require('./lib/apps');
  const app = createBenchApp(variant);
  await requests(app, ip, WARM_UP);
  const session = new inspector.Session();
  session.connect();
  await post(session, 'HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: !surviving,
  });
  await requests(app, ip, MEASURED);
  const { profile } = await post(session, 'HeapProfiler.stopSampling');
  const bySite = new Map();
  let total = 0;
  const walk = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      .replace(/^file:\/\//, '')
      .replace(ROOT, '')
      .replace(/^.*node_modules\//, '');
    const site = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  const top = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, sites);
  return {
    variant,
    ip,
    requests: MEASURED,
    bytesPerRequest: total / MEASURED,
    sites: top.map(([site, bytes]) => ({ site, bytesPerRequest: bytes / MEASURED })),
  };
}

if (process.argv[2]) {
  const [variant, ip, sites = '0'] = process.argv.slice(2);
  void measure(variant, ip, Number(sites), process.env.SURVIVING === '1').then((result) =>
    process.stdout.write(`${JSON.stringify(result)}\n`),
  );
} else {
  const results = SCENARIOS.map((scenario) => {
    const child = spawnSync(process.execPath, [__filename, scenario.variant, scenario.ip], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`alloc.js ${scenario.variant} failed: ${child.stderr}`);
    const { bytesPerRequest } = JSON.parse(child.stdout.trim().split('\n').pop());
    return { name: scenario.name, bytesPerRequest };
  });
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
