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
};
