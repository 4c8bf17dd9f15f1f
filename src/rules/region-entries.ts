import { codeForWord, regionCodeProblem } from './iso-codes';
import { isCodeShaped } from './region-codes';
import { childPointer } from './locations';
import { finding, type Finding, type RuleDocument } from './rule-document';
import { closestMatch } from '../util/suggest';

/**
 * Checks one list of region entries (a `regions`/`not_regions` condition or a named set):
 * upper-case entries must be ISO 3166 codes, lower-case ones the names of known sets.
 * `knownSetNames` is null when some file could not be read: names are then not checked, since
 * the set may well be defined in that file.
 */
export function regionEntryFindings(
  entries: readonly string[],
  document: RuleDocument,
  listPointer: string,
  knownSetNames: ReadonlySet<string> | null,
): Finding[] {
  const findings: Finding[] = [];
  entries.forEach((entry, index) => {
    const message = isCodeShaped(entry) ? regionCodeProblem(entry) : unknownSetProblem(entry, knownSetNames);
    if (message) findings.push(finding(document, childPointer(listPointer, index), message));
  });
  return findings;
}

function unknownSetProblem(name: string, knownSetNames: ReadonlySet<string> | null): string | null {
  if (knownSetNames === null || knownSetNames.has(name)) return null;
  const code = codeForWord(name);
  if (code) return `unknown region set "${name}" (did you mean the code ${code}? Region codes are upper case)`;
  const near = closestMatch(name, knownSetNames);
  const hint = near ? ` (did you mean "${near}"?)` : '; define it under the top-level "regions" key of any rule file';
  return `unknown region set "${name}"${hint}`;
}
