'use strict';
/**
 * Which responses of the example site geonotice changes the caching headers of, by type: every
 * URL of the site for visitors from five places, once through the site as it is and once through
 * the same site with geonotice taken out, comparing Cache-Control, Vary, ETag and the targeted
 * cache headers. Prints a markdown table.
 *
 *   npm run build && node bench/caching-headers.js
 */
const http = require('node:http');
const Module = require('node:module');
const path = require('node:path');
const { VISITORS } = require('../scripts/example-traffic');

const SITE = path.join(__dirname, '../examples/news-site/server.js');
const CACHING_HEADERS = ['cache-control', 'vary', 'etag', 'expires', 'cdn-cache-control', 'surrogate-control'];

const URLS = [
  ['HTML page', '/', 'document'],
  ['HTML page', '/articles/river-crossing', 'document'],
  ['HTML page', '/video/cup-final', 'document'],
  ['HTML page', '/about', 'document'],
  ['HTML page (404)', '/missing', 'document'],
  ['stylesheet', '/site.css', 'style'],
  ['image', '/favicon.svg', 'image'],
  ['JSON', '/api/articles', 'empty'],
];

/** The example site as it is, or with a geonotice that does nothing (the site without it). */
function loadSite(withGeonotice) {
  if (withGeonotice) return require(SITE).createApp();
  const resolve = Module._resolveFilename;
  const real = require('geonotice');
  const stub = { ...real, geonotice: () => (req, res, next) => next() };
  const key = resolve('geonotice', module);
  const saved = require.cache[key];
  require.cache[key] = { id: key, filename: key, loaded: true, exports: stub };
  delete require.cache[require.resolve(SITE)];
  try {
    return require(SITE).createApp();
  } finally {
    require.cache[key] = saved;
    delete require.cache[require.resolve(SITE)];
  }
}

function listen(app) {
  return new Promise((resolve) => {
    const server = http.createServer(app).listen(0, '127.0.0.1', () => resolve(server));
  });
}

function get(port, url, visitor, destination) {
  return new Promise((resolve, reject) => {
    const headers = { 'X-Forwarded-For': visitor, 'Sec-Fetch-Dest': destination, 'Accept-Language': 'ru,en;q=0.5' };
    http
      .get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      })
      .on('error', reject);
  });
}

const cachingHeaders = (headers) => CACHING_HEADERS.map((name) => `${name}: ${headers[name] ?? ''}`).join('\n');

async function main() {
  const withIt = await listen(loadSite(true));
  const without = await listen(loadSite(false));
  const byType = new Map();
  for (const [type, url, destination] of URLS) {
    for (const { ip } of VISITORS) {
      const a = await get(withIt.address().port, url, ip, destination);
      const b = await get(without.address().port, url, ip, destination);
      const row = byType.get(type) ?? { responses: 0, changed: 0 };
      row.responses += 1;
      if (cachingHeaders(a) !== cachingHeaders(b)) row.changed += 1;
      byType.set(type, row);
    }
  }
  withIt.close();
  without.close();
  console.log('| response type | responses | caching headers changed |');
  console.log('| --- | --- | --- |');
  for (const [type, { responses, changed }] of byType) {
    console.log(`| ${type} | ${responses} | ${changed} (${Math.round((100 * changed) / responses)} %) |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
