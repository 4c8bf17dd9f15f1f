/**
 * Named networks and the network table, across all files: each network's entries checked (an AS
 * number the table must know, a CIDR prefix that parses and overlaps no other of its list), the
 * table's own prefixes checked, and every network resolved to the ranges a lookup searches.
 */
import type { NetworkTableInfo } from '../core/rule-set';
import type { NetworkDefinition, NetworkEntry } from '../core/networks';
import { parsePrefix, prefixesOverlap, type ParsedPrefix } from '../core/prefixes';
import { childPointer, positionOf } from './locations';
import type { RawNetworkTable } from './raw-types';
import { finding, type Finding, type RuleDocument } from './rule-document';

const AS_NUMBER = /^AS[1-9][0-9]{0,9}$/;

/** What a network table file holds, once checked. */
interface TableSystem {
  name: string;
  prefixes: readonly string[];
}

export interface Networks {
  /** Every network name that exists (even one whose entries are broken). */
  names: ReadonlySet<string>;
  /** Each network whose entries all resolved. */
  resolved: ReadonlyMap<string, NetworkDefinition>;
  table: NetworkTableInfo | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function mapAt(value: unknown, key: string): Record<string, unknown> {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : {};
}

function where(document: RuleDocument, pointer: string): string {
  const { line, column } = positionOf(document.locations, pointer, 'key');
  return `${document.file}:${line}:${column}`;
}

/** The one network table of the set, checked; its AS numbers, with their names and prefixes. */
function collectTable(documents: readonly RuleDocument[], findings: Finding[]): { info: NetworkTableInfo; systems: Map<string, TableSystem> } | null {
  let found: { document: RuleDocument; table: RawNetworkTable } | null = null;
  for (const document of documents) {
    if (!isObject(document.written) || !('network_table' in document.written)) continue;
    if (found !== null) {
      const message = `a rule set has one network table; another is at ${where(found.document, '/network_table')}`;
      findings.push(finding(document, '/network_table', message, 'key'));
      continue;
    }
    const table = isObject(document.value) ? document.value['network_table'] : undefined;
    if (!isObject(table)) return null;
    found = { document, table: table as unknown as RawNetworkTable };
  }
  if (found === null) return null;
  const { document, table } = found;
  const systems = new Map<string, TableSystem>();
  const parsed: { prefix: ParsedPrefix; pointer: string; text: string }[] = [];
  for (const [asn, system] of Object.entries(table.systems ?? {})) {
    if (!isObject(system) || !Array.isArray(system.prefixes)) continue;
    const systemPointer = childPointer(childPointer('/network_table', 'systems'), asn);
    const prefixes: string[] = [];
    system.prefixes.forEach((text, index) => {
      const pointer = childPointer(childPointer(systemPointer, 'prefixes'), index);
      const result = parsePrefix(text);
      if (!result.ok) {
        findings.push(finding(document, pointer, result.problem));
        return;
      }
      prefixes.push(text);
      parsed.push({ prefix: result.prefix, pointer, text });
    });
    systems.set(asn, { name: typeof system.name === 'string' ? system.name : asn, prefixes });
  }
  findings.push(...overlapFindings(document, parsed, 'the network table'));
  const info: NetworkTableInfo = {
    dataset: table.dataset ?? '(unknown dataset)',
    date: table.date ?? '(undated)',
    attribution: table.attribution ?? '',
    file: document.file,
  };
  return { info, systems };
}

/** Overlapping prefixes among one list, each pair reported once at the later entry. */
function overlapFindings(document: RuleDocument, parsed: readonly { prefix: ParsedPrefix; pointer: string; text: string }[], inWhat: string): Finding[] {
  const findings: Finding[] = [];
  const order = new Map(parsed.map((item, index) => [item, index]));
  const sorted = [...parsed].sort((a, b) => a.prefix.family - b.prefix.family || compareStart(a.prefix, b.prefix));
  // Sorted by start, a prefix can only overlap the widest-reaching one before it.
  let reach: (typeof sorted)[number] | undefined;
  for (const current of sorted) {
    if (reach !== undefined && reach.prefix.family === current.prefix.family && prefixesOverlap(reach.prefix, current.prefix)) {
      const [first, second] = (order.get(reach) ?? 0) < (order.get(current) ?? 0) ? [reach, current] : [current, reach];
      findings.push(finding(document, second.pointer, `prefix ${second.text} overlaps ${first.text} in ${inWhat} (at ${where(document, first.pointer)}); keep one`));
    }
    if (reach === undefined || reach.prefix.family !== current.prefix.family || compareEnd(current.prefix, reach.prefix) > 0) reach = current;
  }
  return findings;
}

function compareStart(a: ParsedPrefix, b: ParsedPrefix): number {
  return compareValue(a.start, b.start);
}

function compareEnd(a: ParsedPrefix, b: ParsedPrefix): number {
  return compareValue(a.end, b.end);
}

function compareValue(a: number | Uint32Array, b: number | Uint32Array): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = a as Uint32Array;
  const y = b as Uint32Array;
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}

/**
 * Gathers every file's named networks and the network table, checks them, and resolves each
 * network to its entries' prefixes. A network may not be defined twice.
 */
export function collectNetworks(documents: readonly RuleDocument[]): { networks: Networks; findings: Finding[] } {
  const findings: Finding[] = [];
  const table = collectTable(documents, findings);
  const names = new Set<string>();
  const definedAt = new Map<string, { document: RuleDocument; pointer: string }>();
  const resolved = new Map<string, NetworkDefinition>();

  for (const document of documents) {
    const checked = mapAt(document.value, 'networks');
    for (const name of Object.keys(mapAt(document.written, 'networks'))) {
      const pointer = childPointer('/networks', name);
      const earlier = definedAt.get(name);
      if (earlier) {
        findings.push(finding(document, pointer, `network "${name}" is defined twice (also at ${where(earlier.document, earlier.pointer)})`, 'key'));
        continue;
      }
      definedAt.set(name, { document, pointer });
      names.add(name);
      const list = checked[name];
      if (!Array.isArray(list)) continue;
      const definition = resolveNetwork(name, list as string[], document, pointer, table, findings);
      if (definition !== null) resolved.set(name, definition);
    }
  }
  return { networks: { names, resolved, table: table?.info ?? null }, findings };
}

function resolveNetwork(
  name: string,
  list: readonly string[],
  document: RuleDocument,
  pointer: string,
  table: { info: NetworkTableInfo; systems: Map<string, TableSystem> } | null,
  findings: Finding[],
): NetworkDefinition | null {
  const before = findings.length;
  const entries: NetworkEntry[] = [];
  const written: { prefix: ParsedPrefix; pointer: string; text: string }[] = [];
  list.forEach((entry, index) => {
    const entryPointer = childPointer(pointer, index);
    if (AS_NUMBER.test(entry)) {
      const system = table?.systems.get(entry);
      if (system === undefined) {
        findings.push(finding(document, entryPointer, unknownAsMessage(entry, table?.info ?? null)));
        return;
      }
      entries.push({ entry, label: system.name, prefixes: system.prefixes });
      return;
    }
    const result = parsePrefix(entry);
    if (!result.ok) {
      findings.push(finding(document, entryPointer, result.problem));
      return;
    }
    entries.push({ entry, prefixes: [entry] });
    written.push({ prefix: result.prefix, pointer: entryPointer, text: entry });
  });
  findings.push(...overlapFindings(document, written, `network "${name}"`));
  return findings.length === before ? { name, entries } : null;
}

function unknownAsMessage(entry: string, table: NetworkTableInfo | null): string {
  if (table === null) {
    return `${entry} needs the network table, and this rule set has none: run "node scripts/build-network-table.js RULES" to build it beside the rules`;
  }
  return `${entry} is not in the network table (${table.file}, ${table.dataset}, data of ${table.date}): run "node scripts/build-network-table.js RULES" to add it`;
}
