'use strict';
/**
 * Decision benchmark: 1,000 generated notices, 100,000 generated visitors, the time of each
 * `decide` call measured on its own with process.hrtime.bigint() (so the figures include one
 * timer read, about 20–50 ns, reported as `timerOverheadUs`). Needs a build first (`npm run build`).
 *
 *   node bench/decide.js            (after npm run build) prints a summary and the result as JSON
 *
 * The generator is seeded, so every run measures the same rule set and the same visitors.
 */
const { compilePathMatcher } = require('../dist/rules/path-globs');
const { createRuleSet } = require('../dist/core/rule-set');
const { decide } = require('../dist/core/decide');
const { seededWords } = require('../scripts/seeded-random');

/** A seeded generator of floats in [0, 1), so runs are comparable. */
function seededRandom(seed) {
  const next = seededWords(seed);
  return () => next() / 4294967296;
}

/** The 249 ISO 3166-1 alpha-2 codes (the list the loader checks against). */
const COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
  'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
  'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
  'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
  'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
  'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
  'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
  'VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const SUBDIVISIONS_PER_COUNTRY = 20;
const RULE_LANGUAGES = ['ru', 'uk', 'en', 'de', 'fr', 'pt-br', 'es', 'kk', 'be', 'tr'];
const VISITOR_LANGUAGES = [
  'en',
  'en-us',
  'en-gb',
  'ru',
  'ru-ru',
  'uk',
  'uk-ua',
  'de',
  'de-de',
  'fr',
  'pt-br',
  'pt',
  'es',
  'tr',
  'kk',
];
const GLOBS = ['/news/**', '/blog/*', '/api/**', '/shop/{cart,checkout}', '/*.html'];
const PATHS = ['/', '/news/2025/story', '/blog/post', '/api/items', '/shop/cart', '/about.html'];
const DAY = 24 * 3600 * 1000;
const NOW = new Date('2026-03-01T12:00:00Z');

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function sample(random, list, count) {
  const chosen = new Set();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}

function subdivisionOf(random, country) {
  return `${country}-${String(1 + Math.floor(random() * SUBDIVISIONS_PER_COUNTRY)).padStart(2, '0')}`;
}

/** The loader's own matcher, so the bench measures what a loaded rule set runs. */
function pathMatcher(globs) {
  return compilePathMatcher(globs);
}

function regionSet(codes) {
  return {
    written: codes,
    countries: new Set(codes.filter((code) => !code.includes('-'))),
    subdivisions: new Set(codes.filter((code) => code.includes('-'))),
  };
}

const SOURCE = { file: 'bench.yaml', line: 1, column: 1 };

/**
 * One generated condition. Most target one to four places (60% countries, 40% subdivisions);
 * some add languages, paths or exclusions. `unknownShare` of them keep unknown_location: match.
 */
function generateCondition(random, unknownShare, anywhere) {
  const condition = { unknownLocation: random() < unknownShare ? 'match' : 'skip', source: SOURCE };
  if (!anywhere) {
    const codes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const country = pick(random, COUNTRIES);
      return random() < 0.6 ? country : subdivisionOf(random, country);
    });
    condition.regions = regionSet([...new Set(codes)]);
  }
  if (anywhere || random() < 0.2) condition.languages = sample(random, RULE_LANGUAGES, 1 + Math.floor(random() * 2));
  if (random() < 0.1) condition.notLanguages = sample(random, RULE_LANGUAGES, 1);
  if (random() < 0.15) condition.paths = pathMatcher(sample(random, GLOBS, 1 + Math.floor(random() * 2)));
  if (random() < 0.1) condition.notPaths = pathMatcher(['/api/**']);
  if (random() < 0.1) condition.notRegions = regionSet([subdivisionOf(random, pick(random, COUNTRIES))]);
  return condition;
}

function generateNotices(random, count, unknownShare, anywhereShare) {
  const notices = [];
  for (let index = 0; index < count; index += 1) {
    const id = `notice-${String(index).padStart(4, '0')}`;
    const anywhere = random() < anywhereShare;
    const conditions = Array.from({ length: random() < 0.8 ? 1 : 2 }, () =>
      generateCondition(random, unknownShare, anywhere),
    );
    const languages = sample(random, ['en', 'ru', 'uk', 'de'], 1 + Math.floor(random() * 3));
    const messages = Object.fromEntries(
      languages.map((language) => [language, { title: `${id} title`, text: `${id} in ${language}` }]),
    );
    const notice = {
      id,
      description: 'generated',
      owner: 'bench@example.org',
      priority: Math.floor(random() * 21) - 10,
      conditions,
      // Only later notices, so the override graph has no cycle.
      overrides: random() < 0.1 && index + 1 < count ? [`notice-${String(index + 1).padStart(4, '0')}`] : [],
      placement: 'body-start',
      style: 'warning',
      defaultLanguage: languages[0],
      messages,
      source: SOURCE,
    };
    if (random() < 0.05)
      notice.active = { from: new Date(NOW.getTime() - 30 * DAY), until: new Date(NOW.getTime() + 30 * DAY) };
    if (random() < 0.02) notice.active = { from: new Date(NOW.getTime() + 30 * DAY) };
    notices.push(notice);
  }
  return notices;
}

/** Visitors: mostly a country with a subdivision, some country only, `unknownVisitorShare` unknown. */
function generateVisitors(random, count, unknownVisitorShare) {
  return Array.from({ length: count }, () => {
    const roll = random();
    let country = null;
    let region = null;
    if (roll >= unknownVisitorShare) {
      country = pick(random, COUNTRIES);
      if (random() < 0.7) region = subdivisionOf(random, country);
    }
    return {
      country,
      region,
      languages: sample(random, VISITOR_LANGUAGES, 1 + Math.floor(random() * 3)),
      path: pick(random, PATHS),
    };
  });
}

function percentile(sortedNs, fraction) {
  return sortedNs[Math.min(sortedNs.length - 1, Math.floor(fraction * sortedNs.length))];
}

function summarise(samplesNs) {
  const sorted = BigInt64Array.from(samplesNs).sort();
  const total = sorted.reduce((sum, value) => sum + value, 0n);
  const toUs = (ns) => Number(ns) / 1000;
  return {
    count: sorted.length,
    medianUs: toUs(percentile(sorted, 0.5)),
    p99Us: toUs(percentile(sorted, 0.99)),
    meanUs: sorted.length === 0 ? 0 : toUs(total) / sorted.length,
  };
}

function timerOverheadNs() {
  const samples = new BigInt64Array(100_000);
  for (let i = 0; i < samples.length; i += 1) {
    const start = process.hrtime.bigint();
    samples[i] = process.hrtime.bigint() - start;
  }
  return Number(samples.sort()[samples.length >> 1]);
}

/**
 * @param {{ notices?: number, visitors?: number, seed?: number, unknownShare?: number,
 *           anywhereShare?: number, unknownVisitorShare?: number }} [options]
 */
function runDecideBench(options = {}) {
  const {
    notices: noticeCount = 1000,
    visitors: visitorCount = 100_000,
    seed = 20260301,
    unknownShare = 0.3,
    anywhereShare = 0.01,
    unknownVisitorShare = 0.05,
  } = options;
  const random = seededRandom(seed);
  const notices = generateNotices(random, noticeCount, unknownShare, anywhereShare);
  const buildStart = process.hrtime.bigint();
  const ruleSet = createRuleSet({ version: 'bench', notices, regionSets: new Map(), tests: [], files: [] });
  const indexBuildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const visitors = generateVisitors(random, visitorCount, unknownVisitorShare);

  // Warm up, so the JIT has compiled the hot path before measuring.
  let sink = 0;
  for (let round = 0; round < 3; round += 1) {
    for (const visitor of visitors) sink += decide(ruleSet, visitor, NOW).length;
  }

  const all = new BigInt64Array(visitors.length);
  const known = [];
  const unknown = [];
  let applied = 0;
  for (let i = 0; i < visitors.length; i += 1) {
    const visitor = visitors[i];
    const start = process.hrtime.bigint();
    const decided = decide(ruleSet, visitor, NOW);
    const elapsed = process.hrtime.bigint() - start;
    all[i] = elapsed;
    (visitor.country === null ? unknown : known).push(elapsed);
    applied += decided.length;
  }

  const batchStart = process.hrtime.bigint();
  for (const visitor of visitors) sink += decide(ruleSet, visitor, NOW).length;
  const batchMeanUs = Number(process.hrtime.bigint() - batchStart) / 1000 / visitors.length;

  const overall = summarise(all);
  return {
    name: 'decide',
    notices: noticeCount,
    visitors: visitorCount,
    method: 'each call timed alone with process.hrtime.bigint(), after 3 warm-up passes',
    medianUs: overall.medianUs,
    p99Us: overall.p99Us,
    meanUs: overall.meanUs,
    batchMeanUs,
    timerOverheadUs: timerOverheadNs() / 1000,
    indexBuildMs,
    generator: { seed, unknownShare, anywhereShare, unknownVisitorShare },
    knownLocation: summarise(known),
    unknownLocation: summarise(unknown),
    averageNoticesApplied: applied / visitorCount,
    budgetMedianUs: 5,
    withinBudget: overall.medianUs < 5,
    checksum: sink,
  };
}

module.exports = { runDecideBench, generateNotices, seededRandom, NOW };

if (require.main === module) {
  const result = runDecideBench();
  if (!process.env.GEONOTICE_BENCH_JSON) {
    console.log(
      `decide: ${result.notices} notices, ${result.visitors} visitors: median ${result.medianUs.toFixed(2)} µs, ` +
        `p99 ${result.p99Us.toFixed(2)} µs (budget: median < ${result.budgetMedianUs} µs) — ` +
        `unknown-location visitors: median ${result.unknownLocation.medianUs.toFixed(2)} µs`,
    );
  }
  console.log(JSON.stringify(result));
}
