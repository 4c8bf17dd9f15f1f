// Lint: the recommended rules of ESLint and typescript-eslint, type-aware, over src and tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', '.ab/', 'coverage/', 'node_modules/', 'examples/**/*.js', 'bench/**', 'scripts/**', '*.config.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
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
      ],
    },
  },
  {
    // Plain CommonJS scripts (the jest reporter, the consumer tests) run in Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests load modules fresh (jest.isolateModules) and the JavaScript example with require().
    files: ['test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
