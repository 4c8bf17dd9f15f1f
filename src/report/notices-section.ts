/** The notices section: one row per notice with what an auditor asks about it, and its wording. */
import type { RuleSet } from '../core/rule-set';
import type { Notice, NoticeMessage } from '../core/types';
import { describeActiveWindow, describeCondition } from './content-diff';
import { html, webHref, type Html } from './html';

export function noticesSection(ruleSet: RuleSet, today: string): Html {
  const overriddenBy = new Map<string, string[]>();
  for (const notice of ruleSet.notices) {
    for (const target of notice.overrides) overriddenBy.set(target, [...(overriddenBy.get(target) ?? []), notice.id]);
  }
  return html`<section id="notices">
<h2>Notices (${ruleSet.notices.length})</h2>
<p class="muted">In display order: priority, highest first, then id.</p>
<table class="notices">
<thead><tr><th>Notice</th><th>Owner</th><th>Reference</th><th>Active</th><th>Review by</th><th>Languages</th><th>Priority</th><th>Overrides</th><th>Shown to</th></tr></thead>
<tbody>${ruleSet.notices.map((notice) => noticeRow(notice, overriddenBy.get(notice.id) ?? [], today))}</tbody>
</table>
</section>`;
}

function noticeRow(notice: Notice, overriddenBy: readonly string[], today: string): Html {
  // On screen behind a disclosure; on paper every language in full.
  const wording = Object.entries(notice.messages).map(([tag, message]) => messageBlock(tag, message));
  const reviewPassed = notice.reviewBy !== undefined && notice.reviewBy < today;
  const languages = Object.keys(notice.messages).map((tag) =>
    tag === notice.defaultLanguage ? html`<strong title="default language">${tag}</strong> ` : html`${tag} `,
  );
  return html`<tr>
<td class="wide"><span class="notice-id" id="notice-${notice.id}">${notice.id}</span><br><span class="muted">${notice.description}</span>
<br><span class="muted code">${notice.source.file}:${notice.source.line}</span>
<details class="screen-only"><summary>wording</summary>${wording}</details><div class="print-only">${wording}</div></td>
<td>${notice.owner}</td>
<td>${reference(notice.reference)}</td>
<td class="nowrap">${describeActiveWindow(notice)}</td>
<td class="nowrap">${notice.reviewBy === undefined ? html`<span class="muted">—</span>` : reviewPassed ? html`<span class="fail">${notice.reviewBy} (passed)</span>` : notice.reviewBy}</td>
<td>${languages}</td>
<td>${notice.priority}</td>
<td>${notice.overrides.length === 0 ? html`<span class="muted">—</span>` : notice.overrides.join(', ')}${overriddenBy.length > 0 ? html`<br><span class="muted">overridden by ${overriddenBy.join(', ')}</span>` : ''}</td>
<td class="shown">${notice.conditions.length === 0 ? 'every visitor' : html`<ul class="plain">${notice.conditions.map((condition) => html`<li>${describeCondition(condition)}</li>`)}</ul>`}<span class="muted">${notice.placement}, ${notice.style}</span></td>
</tr>`;
}

function reference(value: string | undefined): Html | string {
  if (value === undefined) return html`<span class="muted">—</span>`;
  const href = webHref(value);
  return href === null ? value : html`<a href="${href}">${value}</a>`;
}

function messageBlock(tag: string, message: NoticeMessage): Html {
  const href = message.link === undefined ? null : webHref(message.link.href);
  return html`<blockquote lang="${tag}"><span class="muted">${tag}</span>
${message.title === undefined ? '' : html`<br><strong>${message.title}</strong>`}
<br>${message.text ?? html`<span class="muted">(HTML, shown as source)</span> <code>${message.html ?? ''}</code>`}
${message.link === undefined ? '' : html`<br>${href === null ? message.link.label : html`<a href="${href}">${message.link.label}</a>`}`}</blockquote>`;
}
