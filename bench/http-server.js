'use strict';
/**
 * One app of the throughput benchmark, in its own process: `node bench/http-server.js VARIANT`,
 * VARIANT one of bare | geonotice | bare-gzip | geonotice-gzip. Prints `listening PORT`.
 * Every variant is the same Express app with the same 30 KB page; only geonotice and
 * compression() are mounted or not.
 */
const { createBenchApp } = require('./bench-app');

const variant = process.argv[2] ?? 'bare';
// The server's own CPU time (user + system, µs), read before and after a load run: CPU per
// request does not depend on how fast the load generator is. Mounted before geonotice.
const app = createBenchApp(variant, (app) =>
  app.get('/cpu', (req, res) => {
    const { user, system } = process.cpuUsage();
    res.json({ cpu: user + system });
  }),
);

// A 100 MB page streamed with backpressure, and the process's peak RSS while serving it.
const { Readable } = require('node:stream');
const { pageParts } = require('./inject');
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
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
