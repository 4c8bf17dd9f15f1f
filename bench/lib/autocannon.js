'use strict';
/**
 * One autocannon run (10 connections) in a process of its own, so that it can be pinned to a
 * core of its own: `load(url, seconds, headers)` spawns `node bench/lib/autocannon.js URL SECONDS
 * HEADERS`, which prints the result as JSON.
 */
const { execFile } = require('node:child_process');
const { onCore, LOAD_CORE } = require('./server');

const CONNECTIONS = 10;

function load(url, seconds, headers) {
  const [command, args] = onCore(LOAD_CORE, [__filename, url, String(seconds), JSON.stringify(headers)]);
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout.trim())),
    );
  });
}

if (require.main === module) {
  const autocannon = require('autocannon');
  const [url, seconds, headers] = process.argv.slice(2);
  autocannon({ url, connections: CONNECTIONS, duration: Number(seconds), headers: JSON.parse(headers) }).then(
    (result) => {
      const { requests, latency, errors, non2xx } = result;
      process.stdout.write(
        `${JSON.stringify({ rps: requests.average, p99: latency.p99, requests: requests.total, errors: errors + non2xx })}\n`,
      );
    },
  );
}

module.exports = { load, CONNECTIONS };
