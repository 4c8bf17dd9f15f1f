import { childPointer, positionOf } from './locations';
import { expandRegionEntries, type ResolvedRegions } from './region-codes';
import { regionEntryFindings } from './region-entries';
import { finding, type Finding, type RuleDocument } from './rule-document';

const EU_MEMBERS = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;

/** Sets every rule set has; a file may use them but not redefine them. */
export const BUILT_IN_REGION_SETS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['eu', EU_MEMBERS],
  ['eea', [...EU_MEMBERS, 'IS', 'LI', 'NO'].sort()],
]);

interface Definition {
  name: string;
  document: RuleDocument;
  pointer: string;
  /** Null when the schema check failed for this set: the name exists, its contents are unknown. */
  entries: readonly string[] | null;
}

export interface RegionSets {
  /** Every set name that exists: built-in, or defined in some file (even if broken). */
  names: ReadonlySet<string>;
  /** Each set that could be expanded, built-ins included. */
  resolved: ReadonlyMap<string, ResolvedRegions>;
}

/**
 * Gathers the named sets of every file (they are visible from all files), checks their entries,
 * and expands set names inside sets. A set may not redefine a built-in or another file's set,
 * and sets may not include each other in a cycle.
 */
export function collectRegionSets(documents: readonly RuleDocument[], allFilesRead: boolean): { sets: RegionSets; findings: Finding[] } {
  const findings: Finding[] = [];
  const definitions = new Map<string, Definition>();

  for (const document of documents) {
    // Names come from the data as written, so a set whose contents were rejected still exists
    // for the files that use it; its entries come from the pruned data, so they are valid.
    const checkedSets = regionsMapOf(document.value);
    for (const name of Object.keys(regionsMapOf(document.written))) {
      const entries = checkedSets[name];
      const pointer = childPointer('/regions', name);
      if (BUILT_IN_REGION_SETS.has(name)) {
        findings.push(finding(document, pointer, `"${name}" is a built-in region set and cannot be redefined; choose another name`, 'key'));
        continue;
      }
      const earlier = definitions.get(name);
      if (earlier) {
        findings.push(finding(document, pointer, `region set "${name}" is defined twice (also at ${where(earlier)})`, 'key'));
        findings.push(finding(earlier.document, earlier.pointer, `region set "${name}" is defined twice (also at ${where({ document, pointer })})`, 'key'));
        continue;
      }
      definitions.set(name, { name, document, pointer, entries: Array.isArray(entries) ? (entries as string[]) : null });
    }
  }

  const names = new Set([...BUILT_IN_REGION_SETS.keys(), ...definitions.keys()]);
  for (const definition of definitions.values()) {
    if (definition.entries) {
      findings.push(...regionEntryFindings(definition.entries, definition.document, definition.pointer, allFilesRead ? names : null));
    }
  }

  const resolved = new Map<string, ResolvedRegions>();
  for (const [name, codes] of BUILT_IN_REGION_SETS) resolved.set(name, { countries: new Set(codes), subdivisions: new Set() });
  findings.push(...resolveDefinitions(definitions, resolved));
  return { sets: { names, resolved }, findings };
}

/**
 * Depth-first over the "includes" graph. A set name met again while it is still being expanded
 * closes a cycle, reported once at the entry that closes it.
 */
function resolveDefinitions(definitions: ReadonlyMap<string, Definition>, resolved: Map<string, ResolvedRegions>): Finding[] {
  const findings: Finding[] = [];
  const inProgress: string[] = [];

  const resolve = (definition: Definition): void => {
    if (resolved.has(definition.name) || !definition.entries) return;
    inProgress.push(definition.name);
    definition.entries.forEach((entry, index) => {
      const included = definitions.get(entry);
      if (!included) return;
      const cycleStart = inProgress.indexOf(entry);
      if (cycleStart >= 0) {
        const cycle = [...inProgress.slice(cycleStart), entry].join(' → ');
        findings.push(finding(definition.document, childPointer(definition.pointer, index), `region sets include each other in a cycle: ${cycle}`));
        return;
      }
      resolve(included);
    });
    inProgress.pop();
    resolved.set(definition.name, expandRegionEntries(definition.entries, resolved));
  };

  for (const name of [...definitions.keys()].sort()) resolve(definitions.get(name)!);
  return findings;
}

function regionsMapOf(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const regions = (value as Record<string, unknown>).regions;
  return regions !== null && typeof regions === 'object' && !Array.isArray(regions) ? (regions as Record<string, unknown>) : {};
}

function where(place: { document: RuleDocument; pointer: string }): string {
  const { line, column } = positionOf(place.document.locations, place.pointer, 'key');
  return `${place.document.file}:${line}:${column}`;
}
