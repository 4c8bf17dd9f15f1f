'use strict';
/**
 * One bench app served in a process of its own (`startServer(variant)` spawns
 * `node bench/lib/server.js VARIANT`, which prints `listening PORT`). Besides `/page` it answers
 * `/cpu` (the process's CPU time, mounted ahead of every middleware), `/big` (a 100 MB page
 * streamed with backpressure) and `/rss` (the process's RSS and its peak since the last reset).
 */
const { spawn, spawnSync } = require('node:child_process');
const os = require('node:os');
const { Readable } = require('node:stream');

// On two cores the server and the load generator fight for the same CPU unless each has its
// own: where taskset exists, servers go on the last core and load generators on the first.
const cores = os.cpus().length;
const canPin = cores > 1 && spawnSync('taskset', ['--version']).status === 0;

/** `[command, args]` to run `node args…` on `core` when pinning is possible. */
function onCore(core, args) {
  return canPin ? ['taskset', ['-c', String(core), process.execPath, ...args]] : [process.execPath, args];
}
const SERVER_CORE = cores - 1;
const LOAD_CORE = 0;

// A server here sits idle through the other scenarios' turns, half a minute at a time, which a
// loaded site does not. After 8 s of quiet V8's memory reducer shrinks the heap, and under load
// the server then runs a full collection every ~50 ms for as long as it was watched (30 s), at a
// cost that grows with its live heap: bare Express loses 4-13 % of its req/s, the floor about
// 16 %, geonotice about 20 %. The servers run without it, so the figures are those of a server that
// stays busy; BENCH_MEMORY_REDUCER=1 keeps it (docs/performance.md has both).
const memoryReducer = process.env.BENCH_MEMORY_REDUCER === '1';
const SERVER_FLAGS = memoryReducer ? [] : ['--no-memory-reducer'];

function startServer(variant, { pin = true } = {}) {
  return new Promise((resolve, reject) => {
    const serverArgs = [...SERVER_FLAGS, __filename, variant];
    const [command, args] = pin ? onCore(SERVER_CORE, serverArgs) : [process.execPath, serverArgs];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (data) => {
      const match = /listening (\d+)/.exec(String(data));
      if (match) resolve({ child, port: Number(match[1]) });
      else reject(new Error(`server ${variant} said: ${data}`));
    });
    child.once('exit', (code) => reject(new Error(`server ${variant} exited with ${code}`)));
  });
}

function serve(variant) {
  const { createBenchApp } = require('./apps');
  const { pageParts } = require('./long-page');
  // CPU time (user + system, µs) read before and after a load run: CPU per request does not
  // depend on how fast the load generator is.
  const app = createBenchApp(variant, (app) =>
    app.get('/cpu', (req, res) => {
      const { user, system } = process.cpuUsage();
      res.json({ cpu: user + system });
    }),
  );
  let peakRss = 0;
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20).unref();
  app.get('/big', (req, res) => {
    res.type('html');
    Readable.from(pageParts(100 * 1024 * 1024)).pipe(res);
  });
  app.get('/rss', (req, res) => {
    res.json({ rss: process.memoryUsage().rss, peakRss });
    if (req.query.reset !== undefined) peakRss = process.memoryUsage().rss;
  });
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
}

if (require.main === module) serve(process.argv[2] ?? 'bare');

module.exports = { startServer, onCore, canPin, memoryReducer, LOAD_CORE };
