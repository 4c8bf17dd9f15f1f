/**
 * How `explain` says why each condition key holds or not, twice: a short machine line with the
 * rule's own key names (`--json`, tooling, tests), and a plain sentence for an auditor who does not
 * read rule files, with regions named in words (`UA-43 Autonomous Republic of Crimea`).
 */
import { firstMatchingTag } from './language';
import { matchingEntry, type NetworkMatcher } from './networks';
import type { RegionSet, UnknownLocationPolicy, Visitor } from './types';

/** Where the reasons of one explanation go. */
export interface ReasonLog {
  machine: string[];
  plain: string[];
  /** A code's name in words (`Autonomous Republic of Crimea` for `UA-43`); the code itself when unknown. */
  name: (code: string) => string;
  /** Appended to machine lines, e.g. ` (condition 2)`. */
  suffix: string;
  /** Put before plain sentences, e.g. `Condition 2: `. */
  prefix: string;
}

export function addReason(log: ReasonLog, machine: string, plain: string): void {
  log.machine.push(machine + log.suffix);
  log.plain.push(log.prefix + plain);
}

function list(entries: readonly string[]): string {
  return `[${entries.join(', ')}]`;
}

/** `UA-43 Autonomous Republic of Crimea`, or the entry alone when it has no other name. */
export function named(log: Pick<ReasonLog, 'name'>, code: string): string {
  const name = log.name(code);
  return name === code ? code : `${code} ${name}`;
}

function namedList(log: ReasonLog, entries: readonly string[]): string {
  return entries.map((entry) => named(log, entry)).join(', ');
}

/** How a visitor's location relates to a region list. */
export type RegionHit = 'country' | 'subdivision' | 'none' | 'unknown';

/** The place to name: the subdivision when it decided or is known, else the country. */
function place(visitor: Visitor, hit: RegionHit): { machine: string; code: string } {
  const country = visitor.country ?? '?';
  if (hit === 'country' || visitor.region === null) return { machine: `country ${country}`, code: country };
  if (hit === 'subdivision' || visitor.region.startsWith(`${country}-`))
    return { machine: `region ${visitor.region}`, code: visitor.region };
  return { machine: `region ${visitor.region} (country ${country})`, code: visitor.region };
}

/** True when the list names subdivisions of the visitor's country and the visitor's subdivision is unknown. */
function subdivisionUnknown(regions: RegionSet, visitor: Visitor): boolean {
  if (visitor.country === null || visitor.region !== null) return false;
  for (const code of regions.subdivisions) if (code.startsWith(`${visitor.country}-`)) return true;
  return false;
}

export function describeRegions(
  log: ReasonLog,
  regions: RegionSet,
  visitor: Visitor,
  hit: RegionHit,
  policy: UnknownLocationPolicy,
  holds: boolean,
): void {
  if (hit === 'unknown') {
    if (policy === 'match') {
      addReason(
        log,
        'location unknown: regions holds because unknown_location is match',
        "Where the visitor is could not be determined, and this notice is set to show whenever that happens (to be safe), so the visitor's location does not stop it.",
      );
    } else {
      addReason(
        log,
        'location unknown: regions does not hold because unknown_location is skip',
        'Where the visitor is could not be determined, and this notice is set to skip such visitors.',
      );
    }
    return;
  }
  const where = place(visitor, hit);
  const covered = namedList(log, regions.written);
  if (holds) {
    addReason(
      log,
      `${where.machine} is in regions ${list(regions.written)}`,
      `The visitor is in ${named(log, where.code)}, which this notice covers (${covered}).`,
    );
    return;
  }
  if (subdivisionUnknown(regions, visitor)) {
    const country = visitor.country ?? '?';
    addReason(
      log,
      `country ${country}, subdivision unknown, is not in regions ${list(regions.written)}`,
      `The visitor is in ${named(log, country)}, but the geo data does not say where in ${country} (subdivision unknown), and this notice covers only parts of it (${covered}).`,
    );
    return;
  }
  addReason(
    log,
    `${where.machine} is not in regions ${list(regions.written)}`,
    `The visitor is in ${named(log, where.code)}, which this notice does not cover (it covers ${covered}).`,
  );
}

export function describeNotRegions(
  log: ReasonLog,
  regions: RegionSet,
  visitor: Visitor,
  hit: RegionHit,
  holds: boolean,
): void {
  if (hit === 'unknown') {
    addReason(
      log,
      'location unknown: not_regions holds because it excludes only known locations',
      `Where the visitor is could not be determined, so the places this notice leaves out (${namedList(log, regions.written)}) do not exclude them.`,
    );
    return;
  }
  const where = place(visitor, hit);
  const excluded = namedList(log, regions.written);
  if (holds) {
    addReason(
      log,
      `${where.machine} is not in not_regions ${list(regions.written)}`,
      `The visitor is in ${named(log, where.code)}, which is not among the places this notice leaves out (${excluded}).`,
    );
  } else {
    addReason(
      log,
      `${where.machine} is in not_regions ${list(regions.written)}`,
      `The visitor is in ${named(log, where.code)}, which this notice leaves out (${excluded}).`,
    );
  }
}

function whose(visitor: Visitor): { machine: string; plain: string } | null {
  if (visitor.address !== undefined && visitor.address !== null)
    return { machine: `address ${visitor.address}`, plain: `address ${visitor.address}` };
  if (visitor.asn !== undefined && visitor.asn !== null)
    return { machine: `AS number ${visitor.asn}`, plain: `network (AS${visitor.asn}, as the platform reports it)` };
  return null;
}

export function describeNetworks(
  log: ReasonLog,
  matcher: NetworkMatcher,
  visitor: Visitor,
  key: 'networks' | 'not_networks',
): void {
  const who = whose(visitor);
  const names = matcher.written.join(', ');
  const found = who === null ? null : matchingEntry(matcher, visitor);
  if (who === null) {
    addReason(
      log,
      `no address known, so not in ${key} ${list(matcher.written)}`,
      key === 'networks'
        ? `The visitor's address is not known, so it cannot be on the networks this notice is for (${names}).`
        : `The visitor's address is not known, so the networks this notice leaves out (${names}) do not exclude them.`,
    );
    return;
  }
  if (found === null) {
    addReason(
      log,
      `${who.machine} is in none of ${key} ${list(matcher.written)}`,
      key === 'networks'
        ? `The visitor's ${who.plain} is on none of the networks this notice is for (${names}).`
        : `The visitor's ${who.plain} is on none of the networks this notice leaves out (${names}).`,
    );
    return;
  }
  const label = found.entry.label === undefined ? '' : ` (${found.entry.label})`;
  const machine = `${who.machine} is in network ${found.network}: ${found.entry.entry}${label}`;
  if (key === 'networks') {
    addReason(
      log,
      machine,
      `The visitor's ${who.plain} is on network ${found.entry.entry}${label}, one of the networks this notice is for (${found.network}).`,
    );
  } else {
    addReason(
      log,
      `${machine}, which not_networks excludes`,
      `The visitor's ${who.plain} is on network ${found.entry.entry}${label}, which this notice leaves out (${found.network}).`,
    );
  }
}

export function describeLanguages(
  log: ReasonLog,
  key: 'languages' | 'not_languages',
  ruleTags: readonly string[],
  visitor: Visitor,
): void {
  const matched = firstMatchingTag(ruleTags, visitor.languages);
  const tags = ruleTags.join(', ');
  const forWhom =
    key === 'languages'
      ? `the languages this notice is for (${tags})`
      : `the languages this notice leaves out (${tags})`;
  if (matched !== undefined) {
    addReason(
      log,
      `language ${matched} matches ${key} ${list(ruleTags)}`,
      `The visitor reads ${matched}, one of ${forWhom}.`,
    );
  } else if (visitor.languages.length === 0) {
    addReason(
      log,
      `no accepted language, so none matches ${key} ${list(ruleTags)}`,
      `The visitor's browser names no language, so none of ${forWhom}.`,
    );
  } else if (visitor.languages.length === 1) {
    addReason(
      log,
      `language ${visitor.languages[0]} does not match ${key} ${list(ruleTags)}`,
      `The visitor reads ${visitor.languages[0]}, none of ${forWhom}.`,
    );
  } else {
    addReason(
      log,
      `languages ${list(visitor.languages)} do not match ${key} ${list(ruleTags)}`,
      `The visitor reads ${visitor.languages.join(', ')}, none of ${forWhom}.`,
    );
  }
}

export function describePaths(
  log: ReasonLog,
  key: 'paths' | 'not_paths',
  globs: readonly string[],
  visitor: Visitor,
  matched: boolean,
): void {
  const which = key === 'paths' ? 'the pages this notice is for' : 'the pages this notice leaves out';
  addReason(
    log,
    `path ${visitor.path} ${matched ? 'matches' : 'does not match'} ${key} ${list(globs)}`,
    `The page ${visitor.path} is ${matched ? '' : 'not '}among ${which} (${globs.join(', ')}).`,
  );
}
