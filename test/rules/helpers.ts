import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatProblem, type RuleProblem } from '../../src/rules/errors';

export const FIXTURES = path.join(__dirname, '../fixtures/rules');

export function fixture(...segments: string[]): string {
  return path.join(FIXTURES, ...segments);
}

/** `dir/file.yaml:3:5: message`, with the file relative to the fixtures folder. */
export function relativeProblem(problem: RuleProblem, root = FIXTURES): string {
  return formatProblem({ ...problem, file: path.relative(root, problem.file).split(path.sep).join('/') });
}

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir holding the given files; removed after each test file. */
export function tempRules(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geonotice-rules-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A small valid notice, for tests that vary one thing around it. */
export function noticeYaml(id: string, extra = ''): string {
  return [
    `  - id: ${id}`,
    '    description: A notice made for a test.',
    '    owner: legal@example.org',
    ...(extra ? [extra] : []),
    '    messages:',
    '      en: { text: Careful. }',
  ].join('\n');
}
