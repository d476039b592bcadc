/** Jest: unit, component and cloud-function tests. The weapp and browser layers have their own runners (tests/weapp, tests/e2e). */
const fs = require('node:fs')
const path = require('node:path')
const { EXAMPLE_FILE, deployDefines } = require('./scripts/deploy-config.cjs')

// The build-time constants, always from the committed example: tests must not depend on one environment's ids.
const deployConstants = Object.fromEntries(
  Object.entries(deployDefines(JSON.parse(fs.readFileSync(path.join(__dirname, EXAMPLE_FILE), 'utf8')), { cloud: true })).map(([name, source]) => [name, JSON.parse(source)]),
)

const shared = {
  globals: deployConstants,
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './tests/babel.jest.js' }] },
  moduleNameMapper: {
    // First: Jest uses the first pattern that matches, and a stylesheet imported through the alias ('@/ui/forms.scss')
    // must become the stand-in too, not the file.
    '\\.(css|scss)$': 'identity-obj-proxy',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contracts/(.*)$': '<rootDir>/cloud/contracts/$1',
    '^@domain/(.*)$': '<rootDir>/cloud/domain/$1',
    '^@tarojs/components$': '<rootDir>/tests/stand-ins/components.tsx',
    '^@tarojs/taro$': '<rootDir>/tests/stand-ins/taro.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/tests/clock/setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-h5/', '/tests/e2e/', '/tests/weapp/'],
}

module.exports = {
  // The deployable function bundles the cloud suites run on the real wx-server-sdk (tests/cloud/harness.ts).
  globalSetup: '<rootDir>/tests/cloud/global-setup.cjs',
  // The base-plan bursts first: see the file.
  testSequencer: '<rootDir>/tests/sequencer.cjs',
  projects: [
    { ...shared, displayName: 'cloud', testEnvironment: 'node', testMatch: ['<rootDir>/cloud/**/*.test.ts', '<rootDir>/tests/cloud/**/*.test.ts'] },
    { ...shared, displayName: 'cloudbase', testEnvironment: 'node', testMatch: ['<rootDir>/tests/cloudbase/**/*.test.ts'] },
    { ...shared, displayName: 'app', testEnvironment: 'jsdom', testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/tests/app/**/*.test.ts?(x)'] },
  ],
}
