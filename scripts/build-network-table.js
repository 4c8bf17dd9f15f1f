// Builds the network table of a rule set: the address prefixes of every AS number that the rules'
// `networks` name, from the IP-to-AS dataset @ip-location-db/asn (RouteViews, NRO and DB-IP data,
// CC BY 4.0), pinned exactly in package.json. The table is written beside the rules, so it is part
// of the rules version: a refresh is a reviewed change, and `npm ci` cannot change a decision.
//
//   node scripts/build-network-table.js [RULES]           write RULES/networks/as-prefixes.yaml (default RULES: rules)
//   node scripts/build-network-table.js --check [RULES]   exit 1 when the table is not what the dataset gives (for CI)
//   options: --dataset DIR   a directory holding asn-ipv4.csv and asn-ipv6.csv (default: the installed package)
//
// To refresh: npm install --save-dev --save-exact @ip-location-db/asn@latest, run this, review the diff.
// Exit codes: 0 written or up to date, 1 out of date or an AS missing from the dataset, 2 usage error.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const TABLE_FILE = path.join('networks', 'as-prefixes.yaml');
const AS_NUMBER = /^AS([1-9][0-9]{0,9})$/;
const ATTRIBUTION =
  'IP-to-AS data from @ip-location-db/asn: RouteViews (routeviews.org), the NRO (nro.net) and DB-IP ' +
  '(IP to ASN Lite, https://db-ip.com), each under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). ' +
  'Prefixes computed from its address ranges; only the AS numbers the rules name are kept.';

/** Every `*.yaml`/`*.yml` under a directory, skipping dot-entries and node_modules, as the loader does. */
function ruleFiles(root) {
  const found = [];
  const visit = (directory) => {
    for (const name of fs.readdirSync(directory).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = path.join(directory, name);
      const stat = fs.statSync(full);
      if (stat.isDirectory()) visit(full);
      else if (/\.ya?ml$/i.test(name)) found.push(full);
    }
  };
  if (fs.statSync(root).isDirectory()) visit(root);
  else found.push(root);
  return found;
}

/** The AS numbers (as numbers) that the rules' `networks` name. */
function namedSystems(rulesDir) {
  const systems = new Set();
  for (const file of ruleFiles(rulesDir)) {
    const value = YAML.parse(fs.readFileSync(file, 'utf8'), { schema: 'core', version: '1.2' });
    const networks = value && typeof value === 'object' ? value.networks : undefined;
    if (!networks || typeof networks !== 'object') continue;
    for (const list of Object.values(networks)) {
      for (const entry of Array.isArray(list) ? list : []) {
        const match = AS_NUMBER.exec(String(entry));
        if (match) systems.add(Number(match[1]));
      }
    }
  }
  return [...systems].sort((a, b) => a - b);
}

/** One CSV line of the dataset: `start,end,asn,"name, with commas"`. */
function parseLine(line) {
  const fields = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i += 1;
          break;
        } else {
          value += line[i];
          i += 1;
        }
      }
      fields.push(value);
      i += 1; // the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

function ipv4ToBigInt(text) {
  return text.split('.').reduce((value, octet) => value * 256n + BigInt(Number(octet)), 0n);
}

function ipv6ToBigInt(text) {
  const [head, tail] = text.split('::');
  const groupsOf = (side) => (side ? side.split(':') : []);
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...new Array(8 - front.length - back.length).fill('0'), ...back];
  return groups.reduce((value, group) => (value << 16n) + BigInt(parseInt(group, 16)), 0n);
}

function formatAddress(value, family) {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8;) {
    if (groups[start] !== '0') {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === '0') end += 1;
    if (end - start > best.length) best = { start, length: end - start };
    start = end;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/** The fewest CIDR prefixes that cover exactly [start, end]. */
function rangeToPrefixes(start, end, family) {
  const bits = family === 4 ? 32n : 128n;
  const prefixes = [];
  let current = start;
  while (current <= end) {
    let size = 0n;
    // Grow the block while it stays aligned on `current` and inside the range.
    while (size < bits && (current & ((1n << (size + 1n)) - 1n)) === 0n && current + (1n << (size + 1n)) - 1n <= end)
      size += 1n;
    prefixes.push(`${formatAddress(current, family)}/${bits - size}`);
    current += 1n << size;
  }
  return prefixes;
}

/** The prefixes and name of each wanted AS number, from the dataset's two CSV files. */
function readDataset(datasetDir, wanted) {
  const systems = new Map();
  for (const [file, family] of [
    ['asn-ipv4.csv', 4],
    ['asn-ipv6.csv', 6],
  ]) {
    const text = fs.readFileSync(path.join(datasetDir, file), 'utf8');
    let lineStart = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd).trim();
      lineStart = lineEnd + 1;
      if (line === '') continue;
      // The AS number is the third field; skip lines for other systems before parsing the name.
      const second = line.indexOf(',', line.indexOf(',') + 1);
      const third = line.indexOf(',', second + 1);
      const asn = Number(line.slice(second + 1, third === -1 ? undefined : third));
      if (!wanted.has(asn)) continue;
      const [start, end, , name] = parseLine(line);
      const toBigInt = family === 4 ? ipv4ToBigInt : ipv6ToBigInt;
      const system = systems.get(asn) ?? { name, prefixes: [] };
      system.prefixes.push(...rangeToPrefixes(toBigInt(start), toBigInt(end), family));
      systems.set(asn, system);
    }
  }
  return systems;
}

/** `2.3.2026061719` → `2026-06-17`: the dataset's version carries its build date and hour. */
function datasetDate(version) {
  const match = /\.(\d{4})(\d{2})(\d{2})\d{2}$/.exec(version);
  if (!match) throw new Error(`build-network-table: cannot read a date from the dataset version ${version}`);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** The table file's text for the given systems. */
function renderTable({ version, systems }) {
  const table = {
    network_table: {
      dataset: `@ip-location-db/asn ${version}`,
      date: datasetDate(version),
      attribution: ATTRIBUTION,
      systems: Object.fromEntries(
        [...systems.entries()]
          .sort(([a], [b]) => a - b)
          .map(([asn, system]) => [`AS${asn}`, { name: system.name, prefixes: system.prefixes }]),
      ),
    },
  };
  const header = [
    '# yaml-language-server: $schema=../../schema/geonotice.schema.json',
    '#',
    '# Generated by scripts/build-network-table.js: do not edit by hand. The address prefixes of every AS',
    '# number the rules name. Refresh: npm install --save-dev --save-exact @ip-location-db/asn@latest,',
    '# then node scripts/build-network-table.js, and review the change like any rule change.',
    '',
  ].join('\n');
  return header + YAML.stringify(table, { lineWidth: 0 });
}

function parseArgs(argv) {
  const options = { check: false, rules: 'rules', dataset: null };
  const positionals = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--dataset') options.dataset = argv[++i];
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positionals.push(arg);
  }
  if (positionals.length > 1) throw new UsageError('give one rules directory');
  if (positionals.length === 1) options.rules = positionals[0];
  if (options.dataset === undefined) throw new UsageError('--dataset needs a directory');
  return options;
}

class UsageError extends Error {}

/** Builds the table text for a rules directory; throws when a named AS is missing from the dataset. */
function buildTable(rulesDir, datasetDir) {
  const dir = datasetDir ?? path.dirname(require.resolve('@ip-location-db/asn/package.json'));
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const wanted = namedSystems(rulesDir);
  const systems = readDataset(dir, new Set(wanted));
  const missing = wanted.filter((asn) => !systems.has(asn));
  if (missing.length > 0) {
    throw new Error(
      `build-network-table: the dataset (${version}) has no prefixes for ${missing.map((asn) => `AS${asn}`).join(', ')}`,
    );
  }
  return renderTable({ version, systems });
}

function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`build-network-table: ${error.message}\n`);
    return 2;
  }
  let text;
  try {
    text = buildTable(options.rules, options.dataset);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const target = path.join(options.rules, TABLE_FILE);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (options.check) {
    if (current === text) return 0;
    process.stderr.write(
      `${target} is not what the installed dataset gives: run node scripts/build-network-table.js ${options.rules}\n`,
    );
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  process.stdout.write(`${target}: ${current === text ? 'up to date' : 'written'}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { buildTable, rangeToPrefixes, namedSystems, TABLE_FILE };
