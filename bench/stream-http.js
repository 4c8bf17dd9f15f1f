'use strict';
/**
 * A 100 MB HTML page streamed over loopback by the same app bare and with geonotice (a notice
 * injected at body-start): time to first byte, time to the last byte, and the server's peak RSS
 * above its idle RSS while serving. Alternating runs; medians.
 *
 *   node bench/stream-http.js      (after npm run build) prints JSON
 */
const http = require('node:http');
const { VISITORS } = require('./lib/apps');
const { startServer } = require('./lib/server');
const { median } = require('./lib/stats');

function get(port, pathName) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstByte = null;
    let bytes = 0;
    let head = Buffer.alloc(0);
    http
      .get({ port, host: '127.0.0.1', path: pathName, headers: { 'x-forwarded-for': VISITORS.bodyStart } }, (res) => {
        res.on('data', (chunk) => {
          if (firstByte === null) firstByte = process.hrtime.bigint();
          if (head.length < 65536) head = Buffer.concat([head, chunk]);
          bytes += chunk.length;
        });
        res.on('end', () => {
          const ms = (t) => Number(t - started) / 1e6;
          resolve({
            ttfbMs: ms(firstByte),
            totalMs: ms(process.hrtime.bigint()),
            bytes,
            sawNotice: head.includes('data-geonotice'),
          });
        });
      })
      .on('error', reject);
  });
}

const json = (port, pathName) => get(port, pathName).then(() => null);
const rssOf = (port, reset) =>
  new Promise((resolve) => {
    http.get({ port, host: '127.0.0.1', path: `/rss${reset ? '?reset' : ''}` }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c)).on('end', () => resolve(JSON.parse(body)));
    });
  });

async function runStreamHttpBench({ runs = 3 } = {}) {
  const servers = {
    bare: await startServer('bare', { pin: false }),
    geonotice: await startServer('geonotice', { pin: false }),
  };
  try {
    const samples = { bare: [], geonotice: [] };
    for (let run = 0; run < runs; run++) {
      for (const name of run % 2 ? ['geonotice', 'bare'] : ['bare', 'geonotice']) {
        const { port } = servers[name];
        await json(port, '/page'); // warm
        const idle = await rssOf(port, true);
        const result = await get(port, '/big');
        const after = await rssOf(port, false);
        samples[name].push({ ...result, extraRssMiB: (after.peakRss - idle.rss) / 2 ** 20 });
      }
    }
    const summary = (list) => ({
      ttfbMs: median(list.map((s) => s.ttfbMs)),
      totalMs: median(list.map((s) => s.totalMs)),
      extraRssMiB: median(list.map((s) => s.extraRssMiB)),
      bytes: list[0].bytes,
      noticeInFirst64KiB: list.every((s) => s.sawNotice),
    });
    return { runs, bare: summary(samples.bare), geonotice: summary(samples.geonotice) };
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
}

module.exports = { runStreamHttpBench };

if (require.main === module) {
  void runStreamHttpBench().then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
