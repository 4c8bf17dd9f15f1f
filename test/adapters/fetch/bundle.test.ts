/**
 * `geonotice/fetch` bundles the way wrangler bundles a Worker (esbuild, platform neutral, the
 * workerd/worker/browser conditions), and its module graph reaches no Node built-in.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');
const BUILT_INS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Fails the build on the first import of a Node built-in, naming who imported it. */
const refuseNodeBuiltIns: Plugin = {
  name: 'refuse-node-built-ins',
  setup(bundle) {
    bundle.onResolve({ filter: /.*/ }, (args) => {
      if (BUILT_INS.has(args.path) || args.path.startsWith('node:')) {
        return {
          errors: [{ text: `${args.path} (a Node built-in) is imported by ${path.relative(ROOT, args.importer)}` }],
        };
      }
      return undefined;
    });
  },
};

async function bundle(entry: string, format: 'esm' | 'cjs' = 'esm') {
  return build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'neutral',
    format,
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [refuseNodeBuiltIns],
    logLevel: 'silent',
  });
}

describe('geonotice/fetch as wrangler bundles it', () => {
  it('bundles from the package entry without reaching a Node built-in', async () => {
    const result = await bundle(
      "export { geonoticeFetch, cloudflareProvider, cdnHeaderProvider } from 'geonotice/fetch';",
    );
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('geonoticeFetch');
    expect(code).not.toMatch(/require\(["'](node:|fs|zlib|http|crypto|stream|net)/);
  });

  it('would fail if a Node built-in were reached (the check itself works)', async () => {
    await expect(bundle("export { geonotice } from 'geonotice';")).rejects.toThrow(/a Node built-in\) is imported by/);
  });
});
