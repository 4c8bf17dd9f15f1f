import { childPointer, positionOf } from './locations';
import { finding, type Finding, type NoticeEntry } from './rule-document';

/** Notice ids are unique across all files: both places of a clash are reported. */
export function duplicateIdFindings(notices: readonly NoticeEntry[]): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map<string, NoticeEntry[]>();
  for (const entry of notices) {
    const id = entry.notice.id;
    if (id === undefined) continue;
    const group = byId.get(id);
    if (group) group.push(entry);
    else byId.set(id, [entry]);
  }
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    for (const entry of group) {
      const others = group.filter((other) => other !== entry).map(placeOfId);
      findings.push(finding(entry.document, childPointer(entry.pointer, 'id'), `notice id "${id}" is used more than once (also at ${others.join(', ')})`));
    }
  }
  return findings;
}

function placeOfId(entry: NoticeEntry): string {
  const { line, column } = positionOf(entry.document.locations, childPointer(entry.pointer, 'id'));
  return `${entry.document.file}:${line}:${column}`;
}
