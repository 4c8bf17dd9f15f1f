/** A Worker's code bundled as wrangler bundles it, the compiled rules in place of any `rules.json` it imports. */
export function bundleWorker(worker: { file: string } | { source: string }, rulesJson: string): Promise<string>;
