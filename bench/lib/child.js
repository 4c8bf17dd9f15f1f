'use strict';
/** Runs one benchmark entry point in a process of its own and reads its result: the last line it prints, as JSON. */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function runJson(script, { args = [], env = {}, nodeArgs = [] } = {}) {
  const child = spawnSync(process.execPath, [...nodeArgs, path.join(__dirname, '..', script), ...args], {
    env: { ...process.env, GEONOTICE_BENCH_JSON: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${script} failed (${child.status ?? child.signal}): ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

module.exports = { runJson };
