'use strict';
/**
 * A Worker's code bundled as wrangler bundles it (ES module, the workerd and worker export
 * conditions), with the compiled rules (`geonotice compile`) in place of any `rules.json` it
 * imports: for the tests and benchmarks that run Workers inside workerd through miniflare.
 */
const path = require('node:path');
const { build } = require('esbuild');

const ROOT = path.join(__dirname, '..');

/** `worker` is a file, or source text resolved from the repository's root. */
async function bundleWorker(worker, rulesJson) {
  const entry =
    'file' in worker
      ? { entryPoints: [worker.file] }
      : { stdin: { contents: worker.source, resolveDir: ROOT, loader: 'js' } };
  const result = await build({
    ...entry,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [
      {
        name: 'compiled-rules',
        setup(bundle) {
          bundle.onResolve({ filter: /rules\.json$/ }, () => ({ path: 'rules.json', namespace: 'compiled-rules' }));
          bundle.onLoad({ filter: /.*/, namespace: 'compiled-rules' }, () => ({ contents: rulesJson, loader: 'json' }));
        },
      },
    ],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

module.exports = { bundleWorker };
