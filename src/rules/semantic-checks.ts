import { conditionFindings } from './condition-checks';
import { collectNetworks, type Networks } from './networks';
import { duplicateIdFindings } from './notice-ids';
import { noticeDateFindings } from './notice-dates';
import { noticeMessageFindings } from './notice-messages';
import { overrideFindings } from './overrides';
import { collectRegionSets, type RegionSets } from './region-sets';
import { noticeEntries, testEntries, writtenNoticeIds, type Finding, type NoticeEntry, type RuleDocument, type TestEntry } from './rule-document';
import { testCaseFindings } from './test-checks';

export interface SemanticCheck {
  findings: Finding[];
  regionSets: RegionSets;
  networks: Networks;
  notices: NoticeEntry[];
  tests: TestEntry[];
}

/**
 * The checks a schema cannot express, across all files at once. They look at every value that
 * passed the schema (rejected ones are pruned), so one mistake neither hides another in the
 * same notice nor comes back as a chain of follow-on errors.
 * `allFilesRead` is false when some file failed to read or parse: references to set names and
 * notice ids are then not checked, as they may be defined in that file.
 */
export function checkSemantics(documents: readonly RuleDocument[], allFilesRead: boolean): SemanticCheck {
  const { sets: regionSets, findings } = collectRegionSets(documents, allFilesRead);
  const { networks, findings: networkFindings } = collectNetworks(documents);
  findings.push(...networkFindings);
  const setNames = allFilesRead ? regionSets.names : null;
  const networkNames = allFilesRead ? networks.names : null;
  const knownIds = allFilesRead ? writtenNoticeIds(documents) : null;

  const notices = noticeEntries(documents);
  findings.push(...duplicateIdFindings(notices), ...overrideFindings(notices, knownIds));
  for (const entry of notices) {
    findings.push(...noticeDateFindings(entry), ...noticeMessageFindings(entry), ...conditionFindings(entry, setNames, networkNames));
  }

  const tests = testEntries(documents);
  for (const entry of tests) findings.push(...testCaseFindings(entry, knownIds));
  return { findings, regionSets, networks, notices, tests };
}
