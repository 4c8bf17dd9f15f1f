import { childPointer } from './locations';
import { globProblem } from './path-globs';
import { regionEntryFindings } from './region-entries';
import { conditionsOf, finding, type Finding, type NoticeEntry } from './rule-document';

/** Region entries and path globs of every condition of one notice. */
export function conditionFindings(entry: NoticeEntry, regionSetNames: ReadonlySet<string> | null): Finding[] {
  const findings: Finding[] = [];
  for (const { pointer, condition } of conditionsOf(entry)) {
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
