import { parseRuleDate } from './dates';
import { childPointer } from './locations';
import { finding, type Finding, type NoticeEntry } from './rule-document';

/** `review_by`, `active.from` and `active.until` are real dates, and the window is not empty. */
export function noticeDateFindings(entry: NoticeEntry): Finding[] {
  const findings: Finding[] = [];
  const { notice, document, pointer } = entry;
  const check = (text: string | undefined, at: string): Date | null => {
    if (text === undefined) return null;
    const parsed = parseRuleDate(text);
    if (!parsed) findings.push(finding(document, at, `"${text}" is not a real date or time`));
    return parsed;
  };

  check(notice.review_by, childPointer(pointer, 'review_by'));
  const activePointer = childPointer(pointer, 'active');
  const from = check(notice.active?.from, childPointer(activePointer, 'from'));
  const until = check(notice.active?.until, childPointer(activePointer, 'until'));
  if (from && until && until.getTime() <= from.getTime()) {
    findings.push(
      finding(document, childPointer(activePointer, 'until'), `"until" (${notice.active?.until}) must be after "from" (${notice.active?.from}); the notice could never be active`),
    );
  }
  return findings;
}
