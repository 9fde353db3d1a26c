/** Jest runs TypeScript through ts-jest without type-checking (that is `npm run typecheck`). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: { isolatedModules: true, module: 'commonjs', jsx: 'react-jsx', target: 'es2020', esModuleInterop: true } }
    ]
  },
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 30000,
  maxWorkers: 2
}
