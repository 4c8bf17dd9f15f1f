// Checks the package as npm would publish it: packs the built tree (`npm run build` first) and runs
// publint (strict: warnings fail) and Are the Types Wrong (node16 profile: every entry of
// `exports`, from CommonJS and from ESM, and bundler resolution) on that tarball. Exits 1 on any
// problem, printing the tools' reports; `npm test` runs it.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-package-'));
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], { cwd: root, encoding: 'utf8' }));
  const tarball = path.join(work, packed[0].filename);
  const checks = [
    ['publint', [bin('publint'), '--strict', tarball]],
    ['attw', [bin('attw'), '--profile', 'node16', '--format', 'ascii', tarball]],
  ];
  let failed = false;
  for (const [name, [command, ...args]] of checks) {
    const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    if (run.status === 0) continue;
    failed = true;
    process.stderr.write(`check-package: ${name} found problems in ${packed[0].filename}:\n${run.stdout}${run.stderr}\n`);
  }
  if (failed) process.exitCode = 1;
  else process.stdout.write(`check-package: publint and attw find no problem in ${packed[0].filename} (${packed[0].entryCount} files)\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
