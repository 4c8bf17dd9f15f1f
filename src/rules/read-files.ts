import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleProblem } from './errors';

/** Rule files larger than this are refused unread: a rule set is text a person reviews. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** One rule file read from disk. */
export interface RuleFile {
  /** The path as shown in messages: under the directory as the caller gave it. */
  displayPath: string;
  /** Relative to the directory it was found under (the basename for a file given directly), `/`-separated. */
  versionPath: string;
  bytes: Uint8Array;
  text: string;
}

export interface ReadResult {
  files: RuleFile[];
  problems: RuleProblem[];
}

const RULE_FILE_EXTENSION = /\.ya?ml$/i;

/**
 * Reads every rule file under the given paths. A directory is searched recursively for
 * `*.yaml`/`*.yml` in code-point order of names, skipping dot-entries (`.git`, `.github`
 * workflows) and `node_modules`; a file given directly is read whatever its extension.
 */
export function readRuleFiles(paths: readonly string[]): ReadResult {
  const files: RuleFile[] = [];
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();

  const readOne = (displayPath: string, versionPath: string): void => {
    const real = safeRealpath(displayPath);
    if (seen.has(real)) return;
    seen.add(real);
    const result = readRuleFile(displayPath, versionPath);
    if ('problem' in result) problems.push(result.problem);
    else files.push(result.file);
  };

  for (const given of paths) {
    const stat = statEntry(given);
    if ('problem' in stat) {
      problems.push(wholeFileProblem(given, stat.problem));
    } else if (stat.stats === undefined) {
      problems.push(wholeFileProblem(given, 'no such file or directory'));
    } else if (stat.stats.isDirectory()) {
      const tree = walkRuleTree(given);
      problems.push(...tree.problems);
      if (tree.files.length === 0 && tree.problems.length === 0) problems.push(wholeFileProblem(given, 'no rule files (*.yaml, *.yml) in this directory'));
      for (const relative of tree.files) readOne(path.join(given, ...relative.split('/')), relative);
    } else {
      readOne(given, path.basename(given));
    }
  }
  return { files, problems };
}

/** What a rule directory holds, as the loader reads it: its rule files and the directories searched. */
export interface RuleTree {
  /** Relative `/`-separated paths of the rule files, sorted. */
  files: string[];
  /** The directories searched, the root first, as paths under the root as given. */
  directories: string[];
  /** Entries that could not be looked at (a symbolic link loop, a link to nothing, no permission). */
  problems: RuleProblem[];
}

/**
 * Searches `root` the way the loader does. A directory reached twice (a link back up the tree)
 * is searched once; an entry that cannot be looked at is a problem naming it, never skipped in
 * silence, since a rule set must not load with part of its files missing.
 */
export function walkRuleTree(root: string): RuleTree {
  const tree: RuleTree = { files: [], directories: [], problems: [] };
  const visitedDirectories = new Set<string>([safeRealpath(root)]);
  const visit = (directory: string, prefix: string): void => {
    tree.directories.push(directory);
    let names: string[];
    try {
      names = fs.readdirSync(directory).sort(byCodePoint);
    } catch (error) {
      tree.problems.push(wholeFileProblem(directory, `cannot list the directory (${describeFsError(error)})`));
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = path.join(directory, name);
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      const stat = statEntry(full);
      if ('problem' in stat) {
        tree.problems.push(wholeFileProblem(full, stat.problem));
      } else if (stat.stats === undefined) {
        // A link to nothing matters only where a rule file was meant to be.
        if (RULE_FILE_EXTENSION.test(name)) tree.problems.push(wholeFileProblem(full, 'a symbolic link to a file that does not exist'));
      } else if (stat.stats.isDirectory()) {
        const real = safeRealpath(full);
        if (visitedDirectories.has(real)) continue; // a link back up the tree
        visitedDirectories.add(real);
        visit(full, relative);
      } else if (stat.stats.isFile() && RULE_FILE_EXTENSION.test(name)) {
        tree.files.push(relative);
      }
    }
  };
  visit(root, '');
  return tree;
}

/** The entry's stats following links; `stats` undefined when nothing is there; a problem when it cannot be looked at. */
function statEntry(target: string): { stats: fs.Stats | undefined } | { problem: string } {
  try {
    return { stats: fs.statSync(target, { throwIfNoEntry: false }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ELOOP') return { problem: 'a symbolic link that leads back to itself (ELOOP); remove it or point it at a rule file or directory' };
    return { problem: `cannot look at this path (${describeFsError(error)})` };
  }
}

function readRuleFile(displayPath: string, versionPath: string): { file: RuleFile } | { problem: RuleProblem } {
  let bytes: Buffer;
  try {
    const size = fs.statSync(displayPath).size;
    if (size > MAX_RULE_FILE_BYTES) return { problem: tooLarge(displayPath, size) };
    bytes = fs.readFileSync(displayPath);
  } catch (error) {
    return { problem: wholeFileProblem(displayPath, `cannot read the file (${describeFsError(error)})`) };
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_RULE_FILE_BYTES) return { problem: tooLarge(displayPath, bytes.length) };
  let text: string;
  try {
    // Fatal decoding: a rule file in another encoding must fail loudly, not turn into mojibake.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: wholeFileProblem(displayPath, 'the file is not valid UTF-8 text') };
  }
  return { file: { displayPath, versionPath, bytes, text } };
}

function tooLarge(file: string, size: number): RuleProblem {
  return wholeFileProblem(file, `the file is ${size} bytes; a rule file may be at most 1 MiB (${MAX_RULE_FILE_BYTES} bytes)`);
}

/** A problem about a file as a whole is placed at its first character. */
function wholeFileProblem(file: string, message: string): RuleProblem {
  return { file, line: 1, column: 1, message };
}

function safeRealpath(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? String(error);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
