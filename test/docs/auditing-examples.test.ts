/**
 * The example outputs of docs/auditing.md are what the commands print today. Each example is a
 * block between `<!-- example: ARGS -->` and `<!-- example:end -->`; the test runs the CLI with
 * ARGS in-process and compares. `UPDATE_DOCS=1` writes the current output into the file instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInProcess } from '../cli/run-cli';

const DOC = path.resolve(__dirname, '../../docs/auditing.md');
const EXAMPLE = /<!-- example: (.+?) -->\n[\s\S]*?<!-- example:end -->/g;

/** How an example appears in the document: the command, then its output, as a console block. */
function rendered(args: string, stdout: string): string {
  return `<!-- example: ${args} -->\n\`\`\`console\n$ npx geonotice ${args}\n${stdout.trimEnd()}\n\`\`\`\n<!-- example:end -->`;
}

describe('docs/auditing.md', () => {
  it('shows what each example command prints', async () => {
    const text = readFileSync(DOC, 'utf8');
    const examples = [...text.matchAll(EXAMPLE)];
    expect(examples.length).toBeGreaterThan(0);
    let updated = text;
    for (const [block, args] of examples) {
      const { stdout } = await runInProcess((args as string).split(' '));
      const expected = rendered(args as string, stdout);
      if (process.env.UPDATE_DOCS === '1') updated = updated.replace(block, expected);
      else expect(block).toBe(expected);
    }
    if (updated !== text) writeFileSync(DOC, updated);
  });
});
