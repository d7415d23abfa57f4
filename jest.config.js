// Two projects: the worker (TypeScript, compiled by swc) and the org package's
// Lightning Web Components (@salesforce/sfdx-lwc-jest's config). `npm test` runs both.
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');
const swcTransform = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
];

module.exports = {
  projects: [
    {
      displayName: 'worker',
      testEnvironment: 'node',
      roots: ['<rootDir>/worker', '<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swcTransform },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      setupFilesAfterEnv: [...(lwcJestConfig.setupFilesAfterEnv ?? []), '<rootDir>/jest-sa11y-setup.js'],
      roots: ['<rootDir>/force-app'],
      testMatch: ['**/__tests__/**/*.test.js'],
    },
  ],
};
