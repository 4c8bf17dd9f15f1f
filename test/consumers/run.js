'use strict';
/**
 * Consumer tests: the package as its users get it. Packs the tarball (`npm pack`), checks what it
 * holds, installs it into fresh temporary projects, and runs each project's check:
 * CommonJS require, ESM import, --strict TypeScript projects in every resolution mode (with and
 * without Express's types), Express 4, Express 5, a plain node:http server, and the CLI. Run by `.ci/run` after `npm test` (it needs the
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
  const wanted = [
    'package/dist/index.js',
    'package/dist/index.mjs',
    'package/dist/index.d.ts',
    'package/dist/index.d.mts',
    'package/dist/cli/bin.js',
    'package/schema/geonotice.schema.json',
    'package/data/subdivisions.json',
    'package/rules/sharing-risk.yaml',
    'package/LICENSE',
    'package/CHANGELOG.md',
  ];
  for (const file of wanted) {
    if (!files.includes(file)) throw new Error(`missing ${file}`);
  }
  const unwanted = files.filter((file) => /^package\/(test|bench|examples|src)\//.test(file) || /fixtures/.test(file));
  if (unwanted.length > 0) throw new Error(`should not ship: ${unwanted.slice(0, 5).join(', ')}`);
});

// 2. Projects. Each copies the rules the package ships into its own rules/ (as the README tells a
// site to), and runs a check that exits non-zero on failure.
function project(name, dependencies, files, command) {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }, null, 2));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  npm(['install', tarball, ...dependencies], dir);
  fs.cpSync(path.join(dir, 'node_modules/geonotice/rules'), path.join(dir, 'rules'), { recursive: true });
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
  project('cjs-express5', ['express@5'], { 'index.js': expressApp("const { geonotice } = require('geonotice');") }, [
    'node',
    'index.js',
  ]),
);

check('Express 4 app', () =>
  project(
    'cjs-express4',
    ['express@4'],
    { 'index.js': expressApp("const geonotice = require('geonotice').default;") },
    ['node', 'index.js'],
  ),
);

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
  ),
);

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
  ),
);

// TypeScript projects: each resolution mode a project may use, checked by `tsc` against the
// published types (skipLibCheck off), with and without Express's types installed.
const tsconfig = (compilerOptions, files) =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      target: 'es2022',
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      ...compilerOptions,
    },
    files,
  });
const tsc = (...configs) => ['sh', '-c', configs.map((config) => `npx tsc -p ${config}`).join(' && ')];

// What an Express project relies on: the default and named imports, the options and provider
// types by name, `res.locals.geonotice` typed (a misspelt property is an error), `onError`'s
// request as the application's own, and the rule set's internals kept out.
const expressUse = `
import express, { type Request } from 'express';
import geonotice, { geonotice as named, loadRules, cdnHeaderProvider, geoipLiteProvider, geoipCountryProvider, mmdbProvider, checkRules,
  type GeonoticeOptions, type GeonoticeLocals, type GeonoticeStatus, type GeoipLiteOptions, type GeoipCountryOptions,
  type CdnHeaderOptions, type MmdbOptions, type CheckRulesOptions, type DecidedNotice, type Visitor } from 'geonotice';
const lite: GeoipLiteOptions = { preload: false };
const country: GeoipCountryOptions = { preload: false };
const header: CdnHeaderOptions = { header: 'CF-IPCountry' };
const mmdb: MmdbOptions = { path: 'GeoLite2-City.mmdb' };
const check: CheckRulesOptions = { now: new Date() };
const options: GeonoticeOptions = { rules: 'rules', geo: [cdnHeaderProvider(header), geoipLiteProvider(lite), geoipCountryProvider(country)] };
void mmdbProvider; void checkRules('rules', check); void mmdb;
const app = express();
const middleware = geonotice({ ...options, onError: (error, req?: Request) => console.error(error.code, error.message, req?.originalUrl, req?.ip) });
app.use(middleware);
app.use(named({ rules: 'rules', onError: (error, req) => console.error(error.message, req?.ip, req?.originalUrl) }));
app.get('/', (req, res) => {
  const decision: GeonoticeLocals = res.locals.geonotice;
  const first: DecidedNotice | undefined = res.locals.geonotice.notices[0];
  // @ts-expect-error a misspelt property of the decision is a type error
  res.send(String(res.locals.geonotice.notices.lenght) + decision.rulesVersion + String(first?.id));
});
const status: GeonoticeStatus = middleware.status();
const visitor: Visitor = { country: 'RU', region: null, languages: ['ru'], path: '/' };
const ruleSet = loadRules('rules');
// @ts-expect-error the rule set's index is internal
void ruleSet.index;
console.log(status.rulesVersion, visitor);
`;

// Without Express's types: a plain node:http server, the request typed as node:http's.
const nodeHttpUse = `
import { createServer } from 'node:http';
import geonotice, { type GeonoticeRequest } from 'geonotice';
const middleware = geonotice({ rules: 'rules', onError: (error, req?: GeonoticeRequest) => console.error(error.message, req?.url) });
createServer((req, res) => middleware(req, res, () => res.end('ok')));
`;

check('TypeScript with Express 5 types: CommonJS, NodeNext (ESM and CommonJS files) and bundler resolution', () =>
  project(
    'typescript',
    ['typescript@5.9', '@types/express@5', 'express@5', '@types/node@20'],
    {
      'commonjs.ts': expressUse.replace(
        'import geonotice, { geonotice as named,',
        'import { geonotice, geonotice as named,',
      ),
      'esm.mts': expressUse,
      'required.cts': expressUse,
      'bundler.ts': expressUse,
      'tsconfig.commonjs.json': tsconfig({ module: 'commonjs', esModuleInterop: true }, ['commonjs.ts']),
      'tsconfig.nodenext.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, [
        'esm.mts',
        'required.cts',
      ]),
      'tsconfig.bundler.json': tsconfig({ module: 'preserve', moduleResolution: 'bundler' }, ['bundler.ts']),
    },
    tsc('tsconfig.commonjs.json', 'tsconfig.nodenext.json', 'tsconfig.bundler.json'),
  ),
);

check('TypeScript with Express 4 types: res.locals.geonotice typed there too', () =>
  project(
    'typescript-express4',
    ['typescript@5.9', '@types/express@4', 'express@4', '@types/node@20'],
    {
      'esm.mts': expressUse,
      'tsconfig.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, ['esm.mts']),
    },
    tsc('tsconfig.json'),
  ),
);

check('TypeScript without Express types: NodeNext and bundler resolution', () =>
  project(
    'typescript-no-express',
    ['typescript@5.9', '@types/node@20'],
    {
      'esm.mts': nodeHttpUse,
      'bundler.ts': nodeHttpUse,
      'tsconfig.nodenext.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, ['esm.mts']),
      'tsconfig.bundler.json': tsconfig({ module: 'preserve', moduleResolution: 'bundler' }, ['bundler.ts']),
    },
    tsc('tsconfig.nodenext.json', 'tsconfig.bundler.json'),
  ),
);

check('npx geonotice --help works from the installed tarball', () => {
  const out = project('cli', [], {}, ['npx', 'geonotice', '--help']);
  if (!out.includes('validate') || !out.includes('explain')) throw new Error(`unexpected help: ${out}`);
});

check('npx geonotice report draws the subdivisions the rules name from the installed tarball', () => {
  // The shipped rules, which name UA-43 (Crimea).
  project('report', [], {}, ['npx', 'geonotice', 'report', 'rules', '--out', 'report.html']);
  const page = fs.readFileSync(path.join(work, 'report', 'report.html'), 'utf8');
  if ((page.match(/data-region="UA-43"/g) ?? []).length !== 2)
    throw new Error('the report does not draw UA-43 on the world map and on the map of Ukraine');
});

fs.rmSync(work, { recursive: true, force: true });
const passed = results.filter((r) => r.ok).length;
console.log(`consumers: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = passed === results.length ? 0 : 1;
