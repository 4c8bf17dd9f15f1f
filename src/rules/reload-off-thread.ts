import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkForReload, type ReloadCheck } from './reload-check';
import type { ReloadWorkerResult } from './reload-worker';
import { fromTransferable } from './rule-set-transfer';

/** The compiled worker script; absent when running from the TypeScript sources or a bundle. */
const WORKER_SCRIPT = path.join(__dirname, 'reload-worker.js');

export interface OffThreadReloadCheck extends ReloadCheck {
  /** Where the files were read and checked: `main` only when no worker could be used. */
  thread: 'worker' | 'main';
}

/**
 * `checkForReload` in a worker thread, so that reading, parsing and validating the files (about a
 * second for a 1 MiB rule file) never stalls the requests the main thread is serving; only the
 * finished set is rebuilt here. Where no worker can run (no compiled script next to this module,
 * or the worker fails), the check runs on this thread instead: slower for the event loop, same result.
 */
export function checkForReloadOffThread(paths: readonly string[]): Promise<OffThreadReloadCheck> {
  const inThisThread = (): Promise<OffThreadReloadCheck> => Promise.resolve({ ...checkForReload(paths), thread: 'main' });
  if (!fs.existsSync(WORKER_SCRIPT)) return inThisThread();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SCRIPT, { workerData: { paths: [...paths] } });
  } catch {
    return inThisThread();
  }
  // A process that is shutting down need not wait for a reload.
  worker.unref();
  return new Promise<ReloadWorkerResult | null>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  }).then(async (message) => {
    if (message === null) return inThisThread();
    const ruleSet = message.ruleSet === null ? null : await fromTransferable(message.ruleSet);
    return { ruleSet, problems: message.problems, thread: 'worker' };
  });
}
