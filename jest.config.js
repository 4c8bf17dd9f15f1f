/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc strips types only; `npm test` runs `tsc -p tsconfig.check.json` for the type check.
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // iso-3166 ships ESM only; let swc turn it into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!iso-3166/)'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
