/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc strips types only; `npm test` runs `tsc -p tsconfig.json` for the type check.
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // iso-3166 and d3-geo (with its d3-array and internmap) ship ESM only; let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(iso-3166|d3-geo|d3-array|internmap|parse5|entities)/)'],
  setupFiles: ['<rootDir>/test/setup/quiet-start-up-warnings.ts'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // `npm run coverage` (run by CI after `npm test`): what the suite reaches of src/, in process.
  // The CLI's commands run through run() in most tests, so they count; code that only runs in a
  // child process (the built binary, the reload worker) does not. The floor is the measured
  // coverage (2026-12-04: lines 97.1 %, branches 89.3 %, functions 94.6 %) less about one point.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { lines: 96, statements: 96, branches: 88, functions: 93 } },
};
