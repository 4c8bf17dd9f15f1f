import { hrefProblem } from './link-href';
import { childPointer } from './locations';
import { finding, isCompleteAt, type Finding, type NoticeEntry } from './rule-document';

/**
 * The messages of one notice: language tags distinct regardless of case, `default_language`
 * present when needed and pointing at a message, `message_languages` naming exactly the messages,
 * each message with `text` or `html` (not both), and link targets that cannot run script.
 */
export function noticeMessageFindings(entry: NoticeEntry): Finding[] {
  const findings: Finding[] = [];
  const { notice, document, pointer } = entry;
  const messages = notice.messages;
  if (messages === undefined) return findings; // missing or malformed: the schema check said so
  const messagesPointer = childPointer(pointer, 'messages');
  const tags = Object.keys(messages);

  const firstByLowerCase = new Map<string, string>();
  for (const tag of tags) {
    const earlier = firstByLowerCase.get(tag.toLowerCase());
    if (earlier !== undefined) {
      findings.push(finding(document, childPointer(messagesPointer, tag), `language "${tag}" is given twice (also as "${earlier}"); tags are not case-sensitive`, 'key'));
    } else {
      firstByLowerCase.set(tag.toLowerCase(), tag);
    }
  }

  const defaultLanguage = notice.default_language;
  if (defaultLanguage === undefined) {
    if (tags.length > 1 && isCompleteAt(document, childPointer(pointer, 'default_language'))) {
      findings.push(finding(document, messagesPointer, `"default_language" is required when "messages" has more than one language (${tags.join(', ')})`, 'key'));
    }
  } else if (!firstByLowerCase.has(defaultLanguage.toLowerCase())) {
    findings.push(finding(document, childPointer(pointer, 'default_language'), `default_language "${defaultLanguage}" has no message; use one of ${tags.join(', ')}`));
  }

  findings.push(...declaredLanguageFindings(entry, firstByLowerCase));

  for (const tag of tags) {
    const message = messages[tag]!;
    const messagePointer = childPointer(messagesPointer, tag);
    if (message.text !== undefined && message.html !== undefined) {
      findings.push(finding(document, childPointer(messagePointer, 'html'), 'a message has either "text" or "html", not both', 'key'));
    } else if (message.text === undefined && message.html === undefined && isCompleteAt(document, messagePointer)) {
      findings.push(finding(document, messagePointer, `message "${tag}" needs "text" (plain) or "html" (trusted markup)`, 'key'));
    }
    if (message.link) {
      const problem = hrefProblem(message.link.href);
      if (problem) findings.push(finding(document, childPointer(childPointer(messagePointer, 'link'), 'href'), problem));
    }
  }
  return findings;
}

/** `message_languages` says which languages the notice is meant to have: exactly those of its messages. */
function declaredLanguageFindings({ notice, document, pointer }: NoticeEntry, messageTags: ReadonlyMap<string, string>): Finding[] {
  const declared = notice.message_languages;
  if (declared === undefined) return [];
  const findings: Finding[] = [];
  const declaredPointer = childPointer(pointer, 'message_languages');
  const declaredLower = new Set(declared.map((tag) => tag.toLowerCase()));
  declared.forEach((tag, index) => {
    if (!messageTags.has(tag.toLowerCase())) {
      findings.push(finding(document, childPointer(declaredPointer, index), `message_languages lists "${tag}", but messages has no message in it`));
    }
  });
  for (const [lower, tag] of messageTags) {
    if (!declaredLower.has(lower)) {
      findings.push(finding(document, childPointer(childPointer(pointer, 'messages'), tag), `messages has "${tag}", which message_languages does not list`, 'key'));
    }
  }
  return findings;
}
