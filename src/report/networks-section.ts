/**
 * The networks section: every named network with its entries (an AS number with its operator's
 * name and prefix count from the network table, or a prefix), and the table's dataset, date and
 * the attribution its licence requires. Nothing when the rules name no network.
 */
import type { RuleSet } from '../core/rule-set';
import { html, type Html } from './html';

export function networksSection(ruleSet: RuleSet): Html | string {
  const networks = [...(ruleSet.networks?.values() ?? [])];
  if (networks.length === 0) return '';
  const table = ruleSet.networkTable ?? null;
  return html`<section id="networks">
<h2>Networks (${networks.length})</h2>
<p class="muted">A <code>networks</code> condition holds for a visitor whose address lies in one of these networks, whatever the geo data says.${
    table === null
      ? ''
      : html` AS numbers resolve to prefixes through <code>${table.file}</code>: ${table.dataset}, routing data of ${table.date}. ${table.attribution}`
  }</p>
<table class="networks">
<thead><tr><th>Network</th><th>Entry</th><th>Operator (as the dataset names it)</th><th>Prefixes</th></tr></thead>
<tbody>${networks.flatMap((network) =>
    network.entries.map(
      (entry, index) =>
        html`<tr>${index === 0 ? html`<td rowspan="${String(network.entries.length)}"><code>${network.name}</code></td>` : ''}<td><code>${entry.entry}</code></td><td>${entry.label ?? html`<span class="muted">—</span>`}</td><td>${entry.entry.startsWith('AS') ? String(entry.prefixes.length) : html`<span class="muted">the prefix itself</span>`}</td></tr>`,
    ),
  )}</tbody>
</table>
</section>`;
}
