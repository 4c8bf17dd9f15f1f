'use strict';
/**
 * RSS of a process serving geonotice, after start-up and a few requests, with the default geo
 * source (geoip-lite's full data, loaded at start), with the country-only source (geoip-lite's
 * country files, loaded at start) and with a CDN country header as the only source. Each in a
 * fresh process: `node bench/memory.js geoip-lite|geoip-country|cdn-header` prints JSON.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function measure(source) {
  const { geonotice, cdnHeaderProvider, geoipCountryProvider } = require('../dist');
  const sources = {
    'geoip-lite': () => undefined,
    'geoip-country': () => geoipCountryProvider({ preload: true }),
    'cdn-header': () => cdnHeaderProvider({ header: 'CF-IPCountry' }),
  };
  if (!(source in sources)) throw new Error(`unknown source "${source}" (known: ${Object.keys(sources).join(', ')})`);
  const geo = sources[source]();
  process.removeAllListeners('warning');
  process.emitWarning = () => undefined;
  const middleware = geonotice({ rules: path.join(__dirname, '../rules'), ...(geo ? { geo } : {}) });
  // A few decisions through a fake request, so lazily loaded data is in memory.
  for (let i = 0; i < 100; i++) {
    const headers = { 'cf-ipcountry': 'RU', 'accept-language': 'ru' };
    const req = { headers, url: '/', method: 'GET', ip: '31.135.112.1', socket: { remoteAddress: '127.0.0.1' } };
    const res = { locals: {}, setHeader() {}, getHeader() {}, on() {}, writeHead() {}, write() {}, end() {} };
    middleware(req, res, () => undefined);
  }
  global.gc?.();
  return { source, rssMiB: process.memoryUsage().rss / 2 ** 20 };
}

if (process.argv[2]) {
  process.stdout.write(`${JSON.stringify(measure(process.argv[2]))}\n`);
} else {
  const run = (source) => {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, source], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').pop());
  };
  const baseline = JSON.parse(
    spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '-e',
        'require("express");global.gc();console.log(JSON.stringify({rssMiB:process.memoryUsage().rss/2**20}))',
      ],
      {
        encoding: 'utf8',
        cwd: path.join(__dirname, '..'),
      },
    ).stdout,
  );
  const result = {
    baselineMiB: baseline.rssMiB,
    geoipLite: run('geoip-lite'),
    geoipCountry: run('geoip-country'),
    cdnHeader: run('cdn-header'),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
