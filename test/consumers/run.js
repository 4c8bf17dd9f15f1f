'use strict';
/**
 * Consumer tests: the package as its users get it. Packs the tarball (`npm pack`), checks what it
 * holds, installs it into fresh temporary projects, and runs each project's check:
 * CommonJS require, ESM import, a --strict TypeScript project, Express 4, Express 5, a plain
 * node:http server, and `npx geonotice --help`. Run by `.ci/run` after `npm test` (it needs the
 * npm registry for Express and TypeScript). Ends with `consumers: N passed, N failed`.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-consumers-'));
const results = [];

function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
}

function check(name, fn) {
  try {
    fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}${error.message}`);
  }
}

// 1. The tarball: built code, types and schema in; tests and fixtures out.
const tarballName = npm(['pack', '--pack-destination', work], root).trim().split('\n').pop();
const tarball = path.join(work, tarballName);
check('the tarball holds dist, types and the schema, and no tests or fixtures', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const wanted of ['package/dist/index.js', 'package/dist/index.mjs', 'package/dist/index.d.ts', 'package/dist/cli/bin.js', 'package/schema/geonotice.schema.json', 'package/data/subdivisions.json']) {
    if (!files.includes(wanted)) throw new Error(`missing ${wanted}`);
  }
  const unwanted = files.filter((file) => /^package\/(test|bench|examples|src)\//.test(file) || /fixtures/.test(file));
  if (unwanted.length > 0) throw new Error(`should not ship: ${unwanted.slice(0, 5).join(', ')}`);
});

// 2. Projects. Each gets the shipped rules copied in, and a check script that exits non-zero on failure.
const rules = path.join(root, 'rules');
function project(name, dependencies, files, command) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.cpSync(rules, path.join(dir, 'rules'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }, null, 2));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  npm(['install', tarball, ...dependencies], dir);
  const run = spawnSync(command[0], command.slice(1), { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw Object.assign(new Error(`${command.join(' ')} exited with ${run.status}`), run);
  return run.stdout;
}

// A server check shared by the HTTP projects: a Crimean address gets the notice, a US one does not.
const probe = `
async function probe(port) {
  const get = (ip) => fetch('http://127.0.0.1:' + port + '/', { headers: { 'x-forwarded-for': ip, 'accept-language': 'uk' } }).then((r) => r.text());
  const crimea = await get('31.135.112.1');
  const us = await get('8.8.8.8');
  if (!crimea.includes('data-geonotice="sharing-risk-russia"') || !crimea.includes('lang="uk"')) throw new Error('no notice for Crimea: ' + crimea.slice(0, 300));
  if (us.includes('data-geonotice')) throw new Error('a notice for the US');
}`;
const page = '<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>';
const expressApp = (requireLine) => `${requireLine}
const express = require('express');
${probe}
const app = express();
app.set('trust proxy', 'loopback');
app.use(geonotice({ rules: 'rules' }));
app.get('/', (req, res) => res.send(${JSON.stringify(page)}));
const server = app.listen(0, async () => {
  try { await probe(server.address().port); console.log('ok'); } catch (e) { console.error(e); process.exitCode = 1; } finally { server.close(); }
});`;

check('CommonJS: require("geonotice") in an Express 5 app', () =>
  project('cjs-express5', ['express@5'], { 'index.js': expressApp("const { geonotice } = require('geonotice');") }, ['node', 'index.js']));

check('Express 4 app', () =>
  project('cjs-express4', ['express@4'], { 'index.js': expressApp("const geonotice = require('geonotice').default;") }, ['node', 'index.js']));

check('ESM: import { geonotice } and the default export', () =>
  project(
    'esm',
    [],
    {
      'index.mjs': `import geonoticeDefault, { geonotice, loadRules, decide, lookupCountry } from 'geonotice';
if (geonoticeDefault !== geonotice) throw new Error('default export is not geonotice');
// The country-only source finds geoip-lite's data files from an installed package too.
if (lookupCountry('5.183.68.7')?.country !== 'RU') throw new Error('lookupCountry: ' + JSON.stringify(lookupCountry('5.183.68.7')));
const set = loadRules('rules');
const notices = decide(set, { country: 'UA', region: 'UA-43', languages: ['uk'], path: '/' });
if (notices[0]?.language !== 'uk') throw new Error('wrong decision: ' + JSON.stringify(notices));
console.log('ok');`,
    },
    ['node', 'index.mjs'],
  ));

check('plain node:http server', () =>
  project(
    'plain-http',
    [],
    {
      'index.js': `const http = require('node:http');
const { geonotice } = require('geonotice');
${probe}
const middleware = geonotice({ rules: 'rules', geo: (req) => (req.headers['x-forwarded-for'] === '31.135.112.1' ? { country: 'UA', region: 'UA-43' } : { country: 'US' }) });
const server = http.createServer((req, res) => middleware(req, res, () => { res.setHeader('Content-Type', 'text/html'); res.end(${JSON.stringify(page)}); }));
server.listen(0, async () => {
  try { await probe(server.address().port); console.log('ok'); } catch (e) { console.error(e); process.exitCode = 1; } finally { server.close(); }
});`,
    },
    ['node', 'index.js'],
  ));

check('TypeScript --strict project type-checks against the published types', () =>
  project(
    'typescript',
    ['typescript@5.9', '@types/express@5', 'express@5', '@types/node@20'],
    {
      'index.ts': `import express from 'express';
import { geonotice, loadRules, decide, cdnHeaderProvider, geoipLiteProvider, geoipCountryProvider, type GeonoticeOptions, type DecidedNotice, type Visitor } from 'geonotice';
const options: GeonoticeOptions = { rules: 'rules', geo: [cdnHeaderProvider({ header: 'CF-IPCountry' }), geoipLiteProvider(), geoipCountryProvider({ preload: false })], onError: (error: Error) => console.error(error.message) };
const app = express();
app.use(geonotice(options));
const visitor: Visitor = { country: 'RU', region: null, languages: ['ru'], path: '/' };
const decided: DecidedNotice[] = decide(loadRules('rules'), visitor);
console.log(decided.map((notice) => notice.id).join(','));
`,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'es2022', esModuleInterop: true, noEmit: true, skipLibCheck: false, types: ['node'] } }),
    },
    ['npx', 'tsc', '-p', '.'],
  ));

check('npx geonotice --help works from the installed tarball', () => {
  const out = project('cli', [], {}, ['npx', 'geonotice', '--help']);
  if (!out.includes('validate') || !out.includes('explain')) throw new Error(`unexpected help: ${out}`);
});

check('npx geonotice report draws the subdivisions the rules name from the installed tarball', () => {
  // The shipped rules, which name UA-43 (Crimea).
  project('report', [], {}, ['npx', 'geonotice', 'report', 'rules', '--out', 'report.html']);
  const page = fs.readFileSync(path.join(work, 'report', 'report.html'), 'utf8');
  if ((page.match(/data-region="UA-43"/g) ?? []).length !== 2) throw new Error('the report does not draw UA-43 on the world map and on the map of Ukraine');
});

fs.rmSync(work, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
console.log(`consumers: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = passed === results.length ? 0 : 1;
