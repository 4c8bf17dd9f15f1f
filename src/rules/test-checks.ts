import { isIP } from 'node:net';
import { parseRuleDate } from './dates';
import { countryCodeProblem, subdivisionCodeProblem } from './iso-codes';
import { countryOfSubdivision } from './region-codes';
import { childPointer } from './locations';
import { finding, isCompleteAt, type Finding, type TestEntry } from './rule-document';
import { didYouMean } from '../util/suggest';

/**
 * A `tests:` case describes a visitor either by `ip` or by `country` (+ `region` inside that
 * country), and expects notices that exist.
 */
export function testCaseFindings(entry: TestEntry, knownIds: ReadonlySet<string> | null): Finding[] {
  const findings: Finding[] = [];
  const { test, document, pointer } = entry;
  const visitorPointer = childPointer(pointer, 'visitor');
  const at = (key: string): string => childPointer(visitorPointer, key);
  findings.push(...expectedNoticeFindings(entry, knownIds));
  const visitor = test.visitor;
  if (visitor === undefined) return findings; // missing or malformed: the schema check said so
  const { ip, country, region } = visitor;
  // How the keys combine is judged only when none was rejected: a rejected "country" is not a missing one.
  const complete = isCompleteAt(document, visitorPointer);

  if (complete && ip === undefined && country === undefined) {
    findings.push(finding(document, visitorPointer, 'a test visitor needs either "ip" or "country"', 'key'));
  } else if (ip !== undefined && country !== undefined) {
    findings.push(finding(document, at('country'), 'a test visitor has either "ip" or "country", not both: the address decides the country', 'key'));
  }
  if (ip !== undefined && isIP(ip) === 0) findings.push(finding(document, at('ip'), `"${ip}" is not an IPv4 or IPv6 address`));

  const countryProblem = country === undefined ? null : countryCodeProblem(country);
  if (countryProblem) findings.push(finding(document, at('country'), countryProblem));
  if (region !== undefined) {
    const regionProblem = subdivisionCodeProblem(region);
    if (regionProblem) findings.push(finding(document, at('region'), regionProblem));
    else if (complete && country === undefined) findings.push(finding(document, at('region'), `"region" needs "country" too (here ${countryOfSubdivision(region)})`, 'key'));
    else if (country !== undefined && countryOfSubdivision(region) !== country) findings.push(finding(document, at('region'), `region "${region}" is not in country "${country}"`));
  }
  if (visitor.at !== undefined && !parseRuleDate(visitor.at)) {
    findings.push(finding(document, at('at'), `"${visitor.at}" is not a real date or time`));
  }
  return findings;
}

function expectedNoticeFindings(entry: TestEntry, knownIds: ReadonlySet<string> | null): Finding[] {
  if (knownIds === null) return [];
  const listPointer = childPointer(childPointer(entry.pointer, 'expect'), 'notices');
  return (entry.test.expect?.notices ?? []).flatMap((id, index) =>
    knownIds.has(id) ? [] : [finding(entry.document, childPointer(listPointer, index), `test expects unknown notice "${id}"${didYouMean(id, knownIds)}`)],
  );
}
