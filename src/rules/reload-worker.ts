/**
 * The worker thread behind `checkForReloadOffThread`: reads and checks the rules where parsing a
 * large file cannot hold up the main thread's requests, and posts back what it found.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkForReload } from './reload-check';
import { toTransferable, type TransferableRuleSet } from './rule-set-transfer';
import type { RuleProblem } from './errors';

/** What the worker posts: the checked set in transferable form, or the problems. */
export interface ReloadWorkerResult {
  ruleSet: TransferableRuleSet | null;
  problems: RuleProblem[];
}

if (parentPort !== null) {
  const { paths } = workerData as { paths: string[] };
  const check = checkForReload(paths);
  const result: ReloadWorkerResult = { ruleSet: check.ruleSet === null ? null : toTransferable(check.ruleSet), problems: check.problems };
  parentPort.postMessage(result);
}
