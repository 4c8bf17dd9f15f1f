/**
 * The example outputs of the README and the docs are what the commands print today. Each example
 * is a block between `<!-- example: ARGS -->` and `<!-- example:end -->`; the test runs the CLI
 * with ARGS in-process and compares. `UPDATE_DOCS=1` writes the current output into the file instead.
 *
 * The commands run in a git repository made for the purpose, holding the files they name in one
 * commit with a fixed author and date. Commit ids are compared as "some commit id": the files a
 * parallel test run leaves around the fixtures may give the tree another id.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInProcess } from '../cli/run-cli';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = ['README.md', 'docs/auditing.md', 'docs/cli.md'];
const EXAMPLE = /<!-- example: (.+?) -->\n[\s\S]*?<!-- example:end -->/g;

/** How an example appears in the document: the command, then its output, as a console block. */
function rendered(args: string, stdout: string): string {
  return `<!-- example: ${args} -->\n\`\`\`console\n$ npx geonotice ${args}\n${stdout.trimEnd()}\n\`\`\`\n<!-- example:end -->`;
}

/** A repository with the files the examples name, committed once with a fixed identity and date. */
function exampleRepository(argumentLists: readonly string[][]): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'geonotice-doc-examples-'));
  for (const arg of argumentLists.flat()) {
    if (arg.startsWith('-') || !existsSync(path.join(ROOT, arg))) continue;
    mkdirSync(path.dirname(path.join(repo, arg)), { recursive: true });
    cpSync(path.join(ROOT, arg), path.join(repo, arg), { recursive: true });
  }
  const when = '2026-12-01T12:00:00Z';
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
    GIT_AUTHOR_NAME: 'Docs',
    GIT_AUTHOR_EMAIL: 'docs@example.org',
    GIT_COMMITTER_NAME: 'Docs',
    GIT_COMMITTER_EMAIL: 'docs@example.org',
  };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '.'],
    ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'rules for the examples'],
  ]) {
    const result = spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  }
  return repo;
}

function withoutCommitIds(text: string): string {
  return text.replace(/\b(commit|changed in) [0-9a-f]{12}\b/g, '$1 <id>');
}

describe.each(DOCS)('%s', (doc) => {
  it('shows what each example command prints', async () => {
    const file = path.join(ROOT, doc);
    const text = readFileSync(file, 'utf8');
    const examples = [...text.matchAll(EXAMPLE)].map(([block, args]) => ({ block, args: args as string }));
    expect(examples.length).toBeGreaterThan(0);
    const repo = exampleRepository(examples.map(({ args }) => args.split(' ')));
    const cwd = process.cwd();
    let updated = text;
    try {
      process.chdir(repo);
      for (const { block, args } of examples) {
        const { stdout } = await runInProcess(args.split(' '));
        const expected = rendered(args, stdout);
        if (process.env.UPDATE_DOCS === '1') updated = updated.replace(block, expected);
        else expect(withoutCommitIds(block)).toBe(withoutCommitIds(expected));
      }
    } finally {
      process.chdir(cwd);
      rmSync(repo, { recursive: true, force: true });
    }
    if (updated !== text) writeFileSync(file, updated);
  });
});
