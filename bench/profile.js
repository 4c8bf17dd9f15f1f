'use strict';
/**
 * Where an app's CPU time per request goes: the bench app driven in-process under V8's sampling
 * CPU profiler (what `node --cpu-prof` records), summed by function (self time) and by package.
 *
 *   node bench/profile.js APP IP [TOP]     e.g. node bench/profile.js geonotice 8.8.8.8 40
 *
 * APP as for cpu-ab.js (bare, floor, geonotice, geonotice@DIR …). Prints µs per request for the
 * TOP functions by self time (name, file and line) and for each package or part of Node.
 * Environment: REQUESTS (default 40000); HTTP_SECONDS=N serves the app over loopback instead,
 * under N seconds of autocannon from another process (the time is then CPU time, not wall);
 * PROFILE_OUT=FILE also writes the .cpuprofile.
 */
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');
const { createBenchApp } = require('./lib/apps');
const { load } = require('./lib/autocannon');
const { requests } = require('./lib/in-process');

const ROOT = `${path.resolve(__dirname, '..')}/`;
const REQUESTS = Number(process.env.REQUESTS || 40000);

function post(session, method, params) {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** Who a frame's code belongs to: a package, a part of geonotice's dist, Node itself, or V8. */
function ownerOf(url) {
  if (url === '') return '(V8 and native)';
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1];
  const relative = file.replace(ROOT, '');
  return relative.startsWith('dist/') ? relative.split('/').slice(0, 2).join('/') : relative;
}

function listening(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Autocannon against the app for `seconds`, from its own process; resolves to the requests served. */
async function loadOver(server, ip, seconds) {
  const url = `http://127.0.0.1:${server.address().port}/page`;
  const result = await load(url, seconds, { 'x-forwarded-for': ip, 'accept-language': 'en' });
  return result.requests;
}

async function main() {
  const [name, ip, top = '30'] = process.argv.slice(2);
  if (name === undefined || ip === undefined) throw new Error('usage: node bench/profile.js APP IP [TOP]');
  const app = createBenchApp(name);
  const httpSeconds = Number(process.env.HTTP_SECONDS || 0);
  const server = httpSeconds > 0 ? await listening(app) : null;
  const run =
    server === null
      ? (count) => requests(app, ip, count).then(() => count)
      : (seconds) => loadOver(server, ip, seconds);
  await run(server === null ? 10000 : 2);
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 50 });
  await post(session, 'Profiler.start');
  const started = server === null ? process.hrtime.bigint() : null;
  const cpuBefore = process.cpuUsage();
  const served = await run(server === null ? REQUESTS : httpSeconds);
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedUs = started === null ? cpu.user + cpu.system : Number(process.hrtime.bigint() - started) / 1000;
  const { profile } = await post(session, 'Profiler.stop');
  server?.close();
  if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const totalSamples = profile.samples.length;
  // Idle samples are time the process did not spend on requests.
  const idle = profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id);
  const busySamples = totalSamples - profile.samples.filter((id) => idle.includes(id)).length;
  const usPerSample = elapsedUs / busySamples / served;
  const byFunction = new Map();
  const byOwner = new Map();
  for (const [id, count] of hits) {
    if (idle.includes(id)) continue;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const file = url
      .replace(/^file:\/\//, '')
      .replace(ROOT, '')
      .replace(/^.*node_modules\//, '');
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
    const owner = ownerOf(url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + count);
  }
  const print = (map, limit) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .forEach(([key, count]) => console.log(`${(count * usPerSample).toFixed(2).padStart(7)} µs  ${key}`));
  const measure = server === null ? 'wall time' : 'CPU time';
  console.log(
    `${name}, ${ip}: ${(elapsedUs / served).toFixed(1)} µs per request (${measure}, profiler on), ${served} requests, ${busySamples} samples`,
  );
  console.log('\nby package or part:');
  print(byOwner, 40);
  console.log(`\nby function (self time), top ${top}:`);
  print(byFunction, Number(top));
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
