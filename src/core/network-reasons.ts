/** How `explain` says why a `networks` or `not_networks` condition holds: which network and entry matched. */
import { matchingEntry, type NetworkMatcher, type NetworkWhereabouts } from './networks';

function list(entries: readonly string[]): string {
  return `[${entries.join(', ')}]`;
}

/** `address 2.59.51.7`, `AS number 201776`, or that neither is known. */
function whose(visitor: NetworkWhereabouts): string {
  if (visitor.address !== undefined && visitor.address !== null) return `address ${visitor.address}`;
  if (visitor.asn !== undefined && visitor.asn !== null) return `AS number ${visitor.asn}`;
  return 'no address known';
}

/** `network occupied-isps, AS201776 (Miranda-Media Ltd)`, or `network lab, 10.0.0.0/8`. */
function describeMatch(matcher: NetworkMatcher, visitor: NetworkWhereabouts): string {
  const found = matchingEntry(matcher, visitor);
  if (found === null) return `networks ${list(matcher.written)}`;
  const label = found.entry.label === undefined ? '' : ` (${found.entry.label})`;
  return `network ${found.network}: ${found.entry.entry}${label}`;
}

export function describeNetworks(matcher: NetworkMatcher, visitor: NetworkWhereabouts, holds: boolean): string {
  if (holds) return `${whose(visitor)} is in ${describeMatch(matcher, visitor)}`;
  if (whose(visitor) === 'no address known') return `no address known, so not in networks ${list(matcher.written)}`;
  return `${whose(visitor)} is in none of networks ${list(matcher.written)}`;
}

export function describeNotNetworks(matcher: NetworkMatcher, visitor: NetworkWhereabouts, holds: boolean): string {
  if (!holds) return `${whose(visitor)} is in ${describeMatch(matcher, visitor)}, which not_networks excludes`;
  return `${whose(visitor)} is in none of not_networks ${list(matcher.written)}`;
}
