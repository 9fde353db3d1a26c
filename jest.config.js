/** Jest runs TypeScript through ts-jest without type-checking (that is `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, tsconfig: { module: 'commonjs', jsx: 'react-jsx', target: 'es2020', esModuleInterop: true } }]
  },
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 30000,
  maxWorkers: 2
}
