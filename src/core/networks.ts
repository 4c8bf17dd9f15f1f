/**
 * Named networks: address ranges (from CIDR prefixes, and from the prefixes the network table
 * gives an AS number) and AS numbers, matched on a visitor's address or on an AS number the
 * platform reports. Ranges are kept sorted and merged, so a lookup is one binary search.
 */
import { addressPoint, compareWords } from './address';
import { compilePrefixes } from './prefixes';

/** One entry of a network list as written (`AS201776` or `2.60.0.0/14`), with what it resolved to. */
export interface NetworkEntry {
  /** As written. */
  entry: string;
  /** For an AS number: the operator's name in the network table. */
  label?: string;
  /** The entry's address ranges: the prefix itself, or the AS number's prefixes in the table. */
  prefixes: readonly string[];
}

/** A named network of a rule file. */
export interface NetworkDefinition {
  name: string;
  entries: readonly NetworkEntry[];
}

/** Sorted, non-overlapping inclusive ranges: IPv4 as numbers, IPv6 as four words each. */
export interface AddressRanges {
  v4Starts: Float64Array;
  v4Ends: Float64Array;
  /** Four words per range. */
  v6Starts: Uint32Array;
  v6Ends: Uint32Array;
}

/** The compiled `networks` or `not_networks` of one condition: every network it names, as one lookup. */
export interface NetworkMatcher {
  /** The network names as the rule author wrote them, for explanations. */
  written: readonly string[];
  /** The definitions behind the names, in written order, to say which entry matched. */
  definitions: readonly NetworkDefinition[];
  asns: ReadonlySet<number>;
  ranges: AddressRanges;
}

/** What the network checks read of a visitor. */
export interface NetworkWhereabouts {
  address?: string | null | undefined;
  asn?: number | null | undefined;
}

/** Whether the address (canonical text) lies in one of the ranges. */
export function rangesContain(ranges: AddressRanges, address: string): boolean {
  const point = addressPoint(address);
  if (point === null) return false;
  if (point.family === 4) {
    const { v4Starts: starts, v4Ends: ends } = ranges;
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((starts[middle] as number) > point.value) high = middle - 1;
      else if ((ends[middle] as number) < point.value) low = middle + 1;
      else return true;
    }
    return false;
  }
  const { v6Starts: starts, v6Ends: ends } = ranges;
  let low = 0;
  let high = starts.length / 4 - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (compareWords(starts, middle * 4, point.words, 0) > 0) high = middle - 1;
    else if (compareWords(ends, middle * 4, point.words, 0) < 0) low = middle + 1;
    else return true;
  }
  return false;
}

/** Whether the visitor is in one of the matcher's networks: by address, or by the AS number the platform gave. */
export function inNetworks(matcher: NetworkMatcher, visitor: NetworkWhereabouts): boolean {
  const { address, asn } = visitor;
  if (asn !== undefined && asn !== null && matcher.asns.has(asn)) return true;
  return address !== undefined && address !== null && rangesContain(matcher.ranges, address);
}

/** Which network and entry the visitor is in, for explanations; null when in none. */
export function matchingEntry(
  matcher: NetworkMatcher,
  visitor: NetworkWhereabouts,
): { network: string; entry: NetworkEntry; by: 'address' | 'asn' } | null {
  for (const definition of matcher.definitions) {
    for (const entry of definition.entries) {
      if (visitor.asn !== undefined && visitor.asn !== null && entry.entry === `AS${visitor.asn}`) {
        return { network: definition.name, entry, by: 'asn' };
      }
      if (
        visitor.address !== undefined &&
        visitor.address !== null &&
        rangesContain(compilePrefixes(entry.prefixes), visitor.address)
      ) {
        return { network: definition.name, entry, by: 'address' };
      }
    }
  }
  return null;
}

/**
 * The network that placed a visitor under the notices that apply: the first `networks` entry,
 * among those notices' conditions, that the visitor's address or AS number is in; null when no
 * applying notice turned on a network. What an audit record names as the visitor's source.
 */
export function locatingNetwork(
  notices: readonly { conditions: readonly { networks?: NetworkMatcher }[] }[],
  visitor: NetworkWhereabouts,
): { network: string; entry: string; label?: string } | null {
  if ((visitor.address ?? null) === null && (visitor.asn ?? null) === null) return null;
  for (const notice of notices) {
    for (const condition of notice.conditions) {
      if (condition.networks === undefined || !inNetworks(condition.networks, visitor)) continue;
      const found = matchingEntry(condition.networks, visitor);
      if (found === null) continue;
      return found.entry.label === undefined
        ? { network: found.network, entry: found.entry.entry }
        : { network: found.network, entry: found.entry.entry, label: found.entry.label };
    }
  }
  return null;
}
