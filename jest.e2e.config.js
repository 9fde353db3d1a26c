/** End-to-end suites: the H5 build in Debian's Chromium against the local host. One at a time. */
const base = require('./jest.config')

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
  globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
  testTimeout: 120000,
  maxWorkers: 1
}
