// Lint: ESLint's and typescript-eslint's recommended rules with type information (through the
// TypeScript project of tsconfig.json), over everything in the repository that runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/', '.ab/', 'coverage/', 'node_modules/', 'test-artifacts/', 'bench/tmp/', 'examples/**/public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `declare global { namespace Express … }` is how a package adds to Express's types.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // Every error a site can meet carries a code from src/errors.ts (the CLI's own stay inside the CLI).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ThrowStatement > NewExpression[callee.name=/^(Error|TypeError|RangeError|SyntaxError)$/]',
          message: 'Throw a GeonoticeError with a code from src/errors.ts.',
        },
        // A getter or setter that is a closure made for each object keeps what the closure
        // reaches alive through V8's young-generation collections (docs/performance.md): on a
        // per-request object that is the whole request. Accessors go on a class's prototype, or
        // are made once and shared (pipeline/watched-locals.ts).
        {
          selector: 'ObjectExpression > Property[kind=/^(get|set)$/]',
          message: 'No accessor in an object literal: use a class getter, or one shared accessor.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^define(Property|Properties)$/] Property[key.name=/^(get|set)$/] > :matches(FunctionExpression, ArrowFunctionExpression)',
          message: 'No accessor made per object: use a class getter, or one shared accessor.',
        },
      ],
    },
  },
  {
    // Plain JavaScript (scripts, benchmarks, examples, the consumer tests) runs in Node as CommonJS
    // unless it is an .mjs module. Its values are untyped, so the rules about `any` have nothing to
    // check there; the rest of the type-aware rules (promises, awaits, templates) still apply.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // A CommonJS module's `const crypto = require('node:crypto')` shadows the global in its own scope.
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The example Worker runs in workerd, which has the service worker globals (`caches`).
    files: ['examples/04-cloudflare-worker/**/*.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    // Browser scripts of the examples.
    files: ['examples/**/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests load modules fresh (jest.isolateModules) and the JavaScript example with require(), and
    // compare with jest's asymmetric matchers (`expect.any`, `expect.stringContaining`), which jest
    // types as `any`: assigning or passing one is the point, not a hole in the types.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
