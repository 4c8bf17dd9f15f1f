import { LineCounter, parseDocument } from 'yaml';
import type { RuleProblem } from './errors';
import type { LocationIndex } from './locations';
import type { RuleFile } from './read-files';
import { yamlToValue } from './yaml-to-value';

/** One rule file as plain data, with the position of every value in it. */
export interface ParsedRuleFile {
  file: string;
  value: unknown;
  locations: LocationIndex;
}

export type ParseResult = { ok: true; parsed: ParsedRuleFile } | { ok: false; problems: RuleProblem[] };

/**
 * Parses one file with the YAML 1.2 core schema, so `2024-02-20` stays a string (we check dates
 * ourselves) and `no` stays the Norwegian language tag rather than `false`. Any syntax error
 * makes the file unusable: its data is not looked at further.
 */
export function parseRuleFile(file: RuleFile): ParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(file.text, {
    lineCounter,
    schema: 'core',
    version: '1.2',
    merge: false,
    prettyErrors: false,
    // Checked in yamlToValue in linear time; yaml's own check is quadratic in the key count.
    uniqueKeys: false,
  });

  // One syntax slip often trips several of yaml's checks on the same line; the first says it best.
  const problems: RuleProblem[] = [];
  const linesReported = new Set<number>();
  for (const error of [...document.errors, ...document.warnings]) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (linesReported.has(line)) continue;
    linesReported.add(line);
    problems.push({ file: file.displayPath, line, column: col, message: `YAML: ${plainYamlMessage(error.message)}` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const converted = yamlToValue(document.contents, lineCounter);
  if (converted.problems.length > 0) {
    return {
      ok: false,
      problems: converted.problems.map(({ position, message }) => ({ file: file.displayPath, ...position, message })),
    };
  }
  return { ok: true, parsed: { file: file.displayPath, value: converted.value, locations: converted.locations } };
}

/** yaml's messages, with what to do in the file where yaml's own wording does not say. */
function plainYamlMessage(message: string): string {
  if (message.startsWith('Source contains multiple documents')) {
    return 'a rule file holds one YAML document; remove the "---" separator or split the file';
  }
  const text = message.replace(/\s+/g, ' ').trim();
  if (text.startsWith('Nested mappings are not allowed in compact mappings')) return `${text} (text that contains ": " must be in quotes)`;
  if (text.startsWith('Missing closing')) return `${text} (a quoted string opened earlier is never closed)`;
  return text;
}
