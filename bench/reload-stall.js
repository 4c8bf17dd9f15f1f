'use strict';
/**
 * `node bench/reload-stall.js [dist]`: the longest the event loop stalls while the middleware,
 * watching its rules, reloads a rule file of about 1 MiB (the largest a rule file may be), in two
 * shapes: thousands of notices, and one notice with a long list of path globs. `dist` defaults to
 * this checkout's build, so an older build can be measured the same way. Environment: ROUNDS (default 3).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const dist = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist'));
const { geonotice, staticProvider } = require(dist);
const rounds = Number(process.env.ROUNDS || 3);
const BUDGET = 1000 * 1024;

/** Thousands of small notices, each with its own paths and languages. */
function manyNotices() {
  const regions = ['RU', 'UA-43', 'UA-14', 'BY', 'DE', 'FR', 'US', 'GB', 'KZ', 'eea'];
  let text = 'notices:\n';
  for (let i = 0; Buffer.byteLength(text) < BUDGET; i++) {
    text += [
      `  - id: notice-${i}`,
      `    description: Generated notice ${i}, for the reload benchmark.`,
      '    owner: legal@example.org',
      '    default_language: en',
      '    when:',
      `      regions: [${regions[i % regions.length]}]`,
      `      paths: ["/section-${i % 50}/**"]`,
      `      not_paths: ["/api/${i}/**"]`,
      '    messages:',
      `      en: { text: "Generated notice ${i}, with a sentence of the length a notice has." }`,
      `      ru: { text: "Сгенерированное уведомление ${i}." }`,
      '',
    ].join('\n');
  }
  return text;
}

/** One notice whose `paths` list holds tens of thousands of globs. */
function longPathList() {
  const globs = [];
  for (let i = 0; globs.join(', ').length < BUDGET - 300; i++) globs.push(`"/archive/${i}/**"`);
  return [
    'notices:',
    '  - id: archive',
    '    description: One notice with a very long list of paths.',
    '    owner: legal@example.org',
    '    when:',
    `      paths: [${globs.join(', ')}]`,
    '    messages:',
    '      en: { text: "Archive notice." }',
    '',
  ].join('\n');
}

async function measure(content) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-reload-bench-'));
  const file = path.join(dir, 'rules.yaml');
  fs.writeFileSync(
    file,
    'notices:\n  - id: small\n    description: d\n    owner: o@example.org\n    messages:\n      en: { text: "Small." }\n',
  );
  const middleware = geonotice({
    rules: dir,
    watch: true,
    geo: staticProvider({ country: 'DE' }),
    onError: (error) => console.error(error.message),
  });
  // Something must keep the process alive while an unreferenced worker thread reloads.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const before = middleware.status().rulesVersion;
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = process.hrtime.bigint();
    fs.writeFileSync(file, content);
    while (middleware.status().rulesVersion === before && middleware.status().lastError === null) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const reloadMs = Number(process.hrtime.bigint() - started) / 1e6;
    // The histogram records a stall when its own timer fires late, so give that timer its turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    histogram.disable();
    if (middleware.status().lastError !== null) throw new Error(middleware.status().lastError);
    return { reloadMs, maxStallMs: histogram.max / 1e6 };
  } finally {
    clearInterval(keepAlive);
    middleware.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`build: ${dist}`);
  console.log('| rule file | bytes | reload (ms) | longest event-loop stall (ms) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, content] of [
    ['many notices', manyNotices()],
    ['one long path list', longPathList()],
  ]) {
    for (let round = 0; round < rounds; round++) {
      const { reloadMs, maxStallMs } = await measure(content);
      console.log(`| ${name} | ${Buffer.byteLength(content)} | ${reloadMs.toFixed(0)} | ${maxStallMs.toFixed(0)} |`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
