'use strict';
/** One autocannon run, in its own process so it can be pinned to its own core: prints the result as JSON. */
const autocannon = require('autocannon');

const [url, seconds, headers] = process.argv.slice(2);
autocannon({ url, connections: 10, duration: Number(seconds), headers: JSON.parse(headers) }).then((result) => {
  process.stdout.write(
    `${JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, requests: result.requests.total, errors: result.errors + result.non2xx })}\n`,
  );
});
