import { childPointer } from './locations';
import { finding, type Finding, type NoticeEntry } from './rule-document';
import { didYouMean } from '../util/suggest';

/**
 * `overrides` must name existing notices and must not form a cycle (A overrides B overrides A
 * would leave it undefined which one shows).
 */
/** `knownIds` is null when some file could not be read, so unknown ids are not reported. */
export function overrideFindings(notices: readonly NoticeEntry[], knownIds: ReadonlySet<string> | null): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map<string, NoticeEntry>();
  for (const entry of notices) if (entry.notice.id !== undefined) byId.set(entry.notice.id, entry);

  for (const entry of notices) {
    (entry.notice.overrides ?? []).forEach((target, index) => {
      const pointer = childPointer(childPointer(entry.pointer, 'overrides'), index);
      if (target === entry.notice.id) findings.push(finding(entry.document, pointer, `notice "${target}" cannot override itself`));
      else if (knownIds && !knownIds.has(target)) findings.push(finding(entry.document, pointer, `overrides unknown notice "${target}"${didYouMean(target, knownIds)}`));
    });
  }

  // Depth-first over "overrides" edges; an edge back to a notice still on the path closes a cycle.
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string, entry: NoticeEntry): void => {
    path.push(id);
    (entry.notice.overrides ?? []).forEach((target, index) => {
      if (target === id) return; // reported above
      const next = byId.get(target);
      if (!next || done.has(target)) return;
      const start = path.indexOf(target);
      if (start >= 0) {
        const cycle = [...path.slice(start), target].join(' → ');
        const pointer = childPointer(childPointer(entry.pointer, 'overrides'), index);
        findings.push(finding(entry.document, pointer, `notices override each other in a cycle: ${cycle}`));
        return;
      }
      visit(target, next);
    });
    path.pop();
    done.add(id);
  };
  for (const id of [...byId.keys()].sort()) if (!done.has(id)) visit(id, byId.get(id)!);
  return findings;
}
