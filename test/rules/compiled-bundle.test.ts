/**
 * The compiled-rules loader is bundled for edge runtimes: its module graph must reach no Node
 * built-in, and it must run where code generation is forbidden (Cloudflare Workers refuse
 * `eval` and `new Function`). Bundled as wrangler does, then run in a bare JavaScript context
 * that refuses code generation and has no `require`, `process` or `Buffer`.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';
import { buildSync } from 'esbuild';
import { compileRules, loadRules } from '../../src';
import type { RuleSet } from '../../src/core/rule-set';
import type { DecidedNotice, Visitor } from '../../src/core/types';
import { ROOT } from '../cli/run-cli';

interface BundledApi {
  loadCompiledRules(json: unknown): RuleSet;
  decide(ruleSet: RuleSet, visitor: Visitor, now?: Date): DecidedNotice[];
}

function bundle(): { code: string; inputs: string[] } {
  const result = buildSync({
    stdin: {
      contents: "export { loadCompiledRules } from './src/rules/compiled';\nexport { decide } from './src/core/decide';\n",
      resolveDir: ROOT,
      sourcefile: 'edge-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    format: 'iife',
    globalName: 'geonoticeEdge',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('src/rules/compiled.ts on an edge', () => {
  let code = '';
  let inputs: string[] = [];
  beforeAll(() => ({ code, inputs } = bundle()));

  it('bundles for the neutral platform without reaching a Node built-in', () => {
    // esbuild fails the build on an unresolved built-in; the inputs say what was reached instead.
    expect(inputs).toContain('src/rules/compiled.ts');
    expect(inputs.filter((input) => input.startsWith('node:') || !/^(src|node_modules)\//.test(input) && input !== 'edge-entry.ts')).toEqual([]);
    expect(inputs.filter((input) => /node_modules\/(ajv|yaml|iso-3166)\//.test(input))).toEqual([]);
  });

  it('loads compiled rules and decides in a context that refuses code generation', () => {
    const context = vm.createContext({ URL }, { codeGeneration: { strings: false, wasm: false } });
    vm.runInContext(code, context);
    const api = (context as { geonoticeEdge: BundledApi }).geonoticeEdge;
    expect(vm.runInContext('typeof require + typeof process + typeof Buffer', context)).toBe('undefinedundefinedundefined');
    expect(() => {
      vm.runInContext('new Function("return 1")()', context);
    }).toThrow(/Code generation from strings disallowed/);

    const ruleSet = api.loadCompiledRules(JSON.stringify(compileRules(loadRules(path.join(ROOT, 'rules')))));
    const ids = (visitor: Partial<Visitor>): string[] =>
      api.decide(ruleSet, { country: null, region: null, languages: ['ru'], path: '/news/1', ...visitor }).map((notice) => notice.id);
    expect(ids({ country: 'UA', region: 'UA-43' })).toEqual(['sharing-risk-russia']);
    expect(ids({ country: 'UA', region: 'UA-30' })).toEqual([]);
    expect(ids({ country: 'US', asn: 201776 })).toEqual(['sharing-risk-russia']);
  });
});
