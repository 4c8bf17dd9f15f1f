'use strict';
/**
 * How much of the example site's page traffic a real Varnish (examples/05-varnish) serves from
 * its cache, in each delivery mode, from one run: visitors from five places in five languages
 * over ten pages. With ESI the page is cached once for everyone; with injection it cannot be.
 *
 *   npm run build && node bench/esi-cache.js        (needs Debian's varnish)
 */
const http = require('node:http');
const { startVarnish } = require('../scripts/varnish');
const { seededWords } = require('../scripts/seeded-random');
const { VISITORS, LANGUAGES, SHAREABLE_PAGES: PAGES } = require('../scripts/example-traffic');
const { createApp } = require('../examples/news-site/server.js');

const REQUESTS = Number(process.env.ESI_REQUESTS || 1000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
      .on('error', reject);
  });
}

function listen(app) {
  return new Promise((resolve) => {
    const server = http.createServer(app).listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function hitRatio(delivery) {
  const origin = await listen(createApp({ delivery }));
  const varnish = await startVarnish(origin.address().port);
  try {
    for (const page of PAGES) await get(varnish.port, page, {});
    const warm = (await varnish.topLevelRequests()).length;
    const words = seededWords(0x5a17);
    for (let i = 0; i < REQUESTS; i++) {
      const headers = { 'X-Forwarded-For': VISITORS[words() % VISITORS.length].ip };
      const language = LANGUAGES[words() % LANGUAGES.length];
      if (language !== undefined) headers['Accept-Language'] = language;
      await get(varnish.port, PAGES[words() % PAGES.length], headers);
    }
    const measured = (await varnish.topLevelRequests()).slice(warm);
    return measured.filter((entry) => entry.handling === 'hit').length / measured.length;
  } finally {
    await varnish.stop();
    origin.close();
  }
}

async function main() {
  const esi = await hitRatio('esi');
  const inject = await hitRatio('inject');
  const result = { requests: REQUESTS, esi, inject };
  if (process.env.GEONOTICE_BENCH_JSON) console.log(JSON.stringify(result));
  else
    console.log(
      `page hit ratio behind Varnish, ${REQUESTS} requests once warm: esi ${esi.toFixed(3)}, inject ${inject.toFixed(3)}`,
    );
  agent.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
