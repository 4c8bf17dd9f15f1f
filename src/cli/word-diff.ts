import { diffWords } from 'diff';

/** Word boundaries by the Unicode rules, so Cyrillic and other scripts split into words too. */
const WORDS = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * The old and new text as two Markdown table cells, the words that differ marked: struck out in
 * the old (`~~gone~~`), bold in the new (`**new**`). A side that does not exist reads "—".
 */
export function markWordChanges(old: string | null, now: string | null): [string, string] {
  if (old === null || now === null) return [escapeCell(old ?? '—'), escapeCell(now ?? '—')];
  let before = '';
  let after = '';
  for (const part of diffWords(old, now, { intlSegmenter: WORDS })) {
    const text = escapeCell(part.value);
    if (part.added) after += mark(text, '**');
    else if (part.removed) before += mark(text, '~~');
    else {
      before += text;
      after += text;
    }
  }
  return [before, after];
}

/** Marks the words of a piece, keeping its surrounding spaces outside the marks (Markdown needs that). */
function mark(text: string, marker: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  if (match === null || match[2] === '') return text;
  return `${match[1]}${marker}${match[2]}${marker}${match[3]}`;
}

/** Table cells may not contain a pipe or a line break; Markdown's own markers in the text are escaped. */
function escapeCell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\|*~_`])/g, '\\$1');
}
