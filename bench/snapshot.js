'use strict';
/**
 * Keeps the current build for an A/B: `node bench/snapshot.js NAME` copies `dist` to
 * `.ab/NAME/dist`, with the schema and data it reads linked beside it, so that after a change and
 * a rebuild `node bench/cpu-ab.js 8.8.8.8 geonotice@.ab/NAME/dist geonotice` compares the two
 * builds in one process.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const name = process.argv[2];
if (name === undefined || !/^[\w.-]+$/.test(name)) throw new Error('usage: node bench/snapshot.js NAME');
const target = path.join(root, '.ab', name);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
fs.cpSync(path.join(root, 'dist'), path.join(target, 'dist'), { recursive: true });
for (const linked of ['schema', 'data']) fs.symlinkSync(path.join(root, linked), path.join(target, linked));
console.log(`geonotice@${path.relative(root, path.join(target, 'dist'))}`);
