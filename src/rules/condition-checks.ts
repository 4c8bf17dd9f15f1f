import { childPointer } from './locations';
import { globProblem } from './path-globs';
import { regionEntryFindings } from './region-entries';
import { conditionsOf, finding, type Finding, type NoticeEntry } from './rule-document';
import { closestMatch } from '../util/suggest';

/**
 * Region entries, network names and path globs of every condition of one notice. A null list of
 * names means some file could not be read, so names are not checked.
 */
export function conditionFindings(entry: NoticeEntry, regionSetNames: ReadonlySet<string> | null, networkNames: ReadonlySet<string> | null): Finding[] {
  const findings: Finding[] = [];
  for (const { pointer, condition } of conditionsOf(entry)) {
    for (const key of ['networks', 'not_networks'] as const) {
      (condition[key] ?? []).forEach((name, index) => {
        if (networkNames === null || networkNames.has(name)) return;
        const near = closestMatch(name, networkNames);
        const hint = near ? ` (did you mean "${near}"?)` : '; define it under the top-level "networks" key of any rule file';
        findings.push(finding(entry.document, childPointer(childPointer(pointer, key), index), `unknown network "${name}"${hint}`));
      });
    }
    for (const key of ['regions', 'not_regions'] as const) {
      const entries = condition[key];
      if (entries) findings.push(...regionEntryFindings(entries, entry.document, childPointer(pointer, key), regionSetNames));
    }
    for (const key of ['paths', 'not_paths'] as const) {
      (condition[key] ?? []).forEach((glob, index) => {
        const problem = globProblem(glob);
        if (problem) findings.push(finding(entry.document, childPointer(childPointer(pointer, key), index), problem));
      });
    }
  }
  return findings;
}
