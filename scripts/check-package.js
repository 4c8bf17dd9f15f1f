// Checks the package as npm would publish it: packs the built tree (`npm run build` first) and runs
// publint (strict: warnings fail) and Are the Types Wrong (node16 profile: every entry of
// `exports`, from CommonJS and from ESM, and bundler resolution) on that tarball, and checks that
// the README's links work on the package's page. Exits 1 on any problem, printing what failed;
// `npm test` runs it.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * The package's page shows the README without a repository to resolve relative links against, so
 * every link and image is absolute; one into the package itself (through its CDN copy) must name a
 * file the tarball ships, and an anchor a heading of that file.
 */
const PACKAGE_FILES = 'https://unpkg.com/geonotice/';

function slug(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** A README a newcomer reads in five minutes; reference belongs in docs/. */
const README_MAX_BYTES = 15 * 1024;

function readmeLinkProblems(readme, shipped) {
  const problems = [];
  const size = Buffer.byteLength(readme);
  if (size > README_MAX_BYTES)
    problems.push(`README.md is ${size} bytes, over ${README_MAX_BYTES}: move reference material to docs/`);
  const prose = readme.replace(/```[\s\S]*?```/g, '');
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (target.startsWith('#')) continue;
    if (!target.startsWith('https://')) {
      problems.push(`${target}: not absolute`);
      continue;
    }
    if (!target.startsWith(PACKAGE_FILES)) continue;
    const [file, anchor] = target.slice(PACKAGE_FILES.length).split('#');
    if (!shipped.has(file)) {
      problems.push(`${target}: the package does not ship ${file}`);
    } else if (anchor !== undefined) {
      const headings = fs.readFileSync(path.join(root, file), 'utf8').match(/^#+ .*$/gm) ?? [];
      if (!headings.some((heading) => slug(heading.replace(/^#+ /, '')) === anchor))
        problems.push(`${target}: ${file} has no heading #${anchor}`);
    }
  }
  return problems;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-package-'));
try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--loglevel=error'], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const tarball = path.join(work, packed[0].filename);
  const checks = [
    { name: 'publint', command: bin('publint'), args: ['--strict', tarball] },
    { name: 'attw', command: bin('attw'), args: ['--profile', 'node16', '--format', 'ascii', tarball] },
  ];
  let failed = false;
  const linkProblems = readmeLinkProblems(
    fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
    new Set(packed[0].files.map((file) => file.path)),
  );
  if (linkProblems.length > 0) {
    failed = true;
    process.stderr.write(
      `check-package: README.md problems on the package's page:\n${linkProblems.map((line) => `  ${line}\n`).join('')}`,
    );
  }
  for (const { name, command, args } of checks) {
    const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
    if (run.status === 0) continue;
    failed = true;
    process.stderr.write(
      `check-package: ${name} found problems in ${packed[0].filename}:\n${run.stdout}${run.stderr}\n`,
    );
  }
  if (failed) process.exitCode = 1;
  else
    process.stdout.write(
      `check-package: publint and attw find no problem in ${packed[0].filename} (${packed[0].entryCount} files)\n`,
    );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
