/**
 * Witness visitors for named networks: for each entry of each network either rule set names, a
 * visitor at the first and at the last address of each of its prefixes, and for an AS number one
 * that the platform reports by number. Deciding both sets for each tells apart every change of a
 * network's entries, of its prefixes (a table refresh, a narrower prefix) and of the conditions
 * naming it. One more witness stands for a visitor on no named network.
 */
import type { RuleSet } from '../core/rule-set';
import { formatIpv4, formatIpv6, parsePrefix } from '../core/prefixes';

export interface NetworkWitness {
  /** Stable, for JSON: `none`, or `network entry address`/`network entry asn`. */
  key: string;
  /** For people: `occupied-ukraine-isps AS8654 (Crimeainfocom Ltd)`, or `no named network`. */
  label: string;
  address?: string;
  asn?: number;
}

export const NO_NETWORK: NetworkWitness = { key: 'none', label: 'no named network' };

export function networkWitnesses(ruleSets: readonly RuleSet[]): NetworkWitness[] {
  const witnesses = new Map<string, NetworkWitness>();
  for (const ruleSet of ruleSets) {
    for (const [name, definition] of ruleSet.networks ?? []) {
      for (const entry of definition.entries) {
        const label = `${name} ${entry.entry}${entry.label === undefined ? '' : ` (${entry.label})`}`;
        const asn = /^AS(\d+)$/i.exec(entry.entry)?.[1];
        if (asn !== undefined)
          witnesses.set(`${name} ${entry.entry} asn`, { key: `${name} ${entry.entry} asn`, label, asn: Number(asn) });
        for (const text of entry.prefixes) {
          const parsed = parsePrefix(text);
          if (!parsed.ok) continue;
          const { prefix } = parsed;
          const ends =
            prefix.family === 4
              ? [formatIpv4(prefix.start), formatIpv4(prefix.end)]
              : [formatIpv6(prefix.start), formatIpv6(prefix.end)];
          for (const address of ends) {
            const key = `${name} ${entry.entry} ${address}`;
            witnesses.set(key, { key, label, address });
          }
        }
      }
    }
  }
  return [NO_NETWORK, ...witnesses.values()];
}
