'use strict';
/**
 * The compiled form of a rule set (what `geonotice compile` writes for edge runtimes): its size,
 * and how long `loadCompiledRules` takes to check it and rebuild the rule set, for the shipped
 * rules and for the 1,000 generated notices of bench/decide.js. Needs a build first.
 *
 *   node bench/compiled-load.js      prints a summary and the result as one line of JSON
 *
 * "first" is the first load in this process (cold code, as in a fresh Worker isolate); the
 * median is over the loads after it. Loading from text includes JSON.parse. "index" is
 * createRuleSet alone on the same notices: the decision index that any load builds, from YAML too.
 */
const path = require('node:path');
const { gzipSync } = require('node:zlib');
const { compileRules, loadCompiledRules, loadRules } = require('../dist');
const { createRuleSet } = require('../dist/core/rule-set');
const { generateNotices, seededRandom } = require('./decide');
const { median } = require('./lib/stats');

const ROUNDS = Number(process.env.ROUNDS || 30);

function timeMs(action) {
  const start = process.hrtime.bigint();
  action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measure(name, ruleSet) {
  const text = JSON.stringify(compileRules(ruleSet));
  const firstMs = timeMs(() => loadCompiledRules(text));
  const fromText = [];
  const parseOnly = [];
  const indexOnly = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    fromText.push(timeMs(() => loadCompiledRules(text)));
    parseOnly.push(timeMs(() => JSON.parse(text)));
    indexOnly.push(timeMs(() => createRuleSet({ ...ruleSet, notices: ruleSet.notices })));
  }
  return {
    name,
    notices: ruleSet.notices.length,
    bytes: Buffer.byteLength(text),
    gzipBytes: gzipSync(text).length,
    firstLoadMs: firstMs,
    medianLoadMs: median(fromText),
    medianJsonParseMs: median(parseOnly),
    medianIndexBuildMs: median(indexOnly),
  };
}

function main() {
  // From the project root, so the rule files are named as `geonotice compile rules` names them.
  process.chdir(path.join(__dirname, '..'));
  const shipped = loadRules('rules');
  const notices = generateNotices(seededRandom(20260301), 1000, 0.3, 0.01);
  const generated = createRuleSet({ version: 'bench', notices, regionSets: new Map(), tests: [], files: [] });
  const yamlMs = median(Array.from({ length: 10 }, () => timeMs(() => loadRules('rules'))));
  const results = [measure('shipped rules', shipped), measure('1,000 generated notices', generated)];
  for (const result of results) {
    if (process.env.GEONOTICE_BENCH_JSON) break;
    console.log(
      `${result.name}: ${result.notices} notices, ${result.bytes} bytes (${result.gzipBytes} gzipped); ` +
        `loadCompiledRules from text: first ${result.firstLoadMs.toFixed(2)} ms, median ${result.medianLoadMs.toFixed(2)} ms ` +
        `(of which JSON.parse ${result.medianJsonParseMs.toFixed(2)} ms, the decision index ${result.medianIndexBuildMs.toFixed(2)} ms)`,
    );
  }
  if (!process.env.GEONOTICE_BENCH_JSON)
    console.log(`for comparison, loadRules on the shipped YAML: median ${yamlMs.toFixed(2)} ms`);
  console.log(JSON.stringify({ rounds: ROUNDS, results, shippedYamlLoadMs: yamlMs }));
}

main();
