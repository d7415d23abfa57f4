// Lint for the worker (TypeScript) and the project's own Node scripts. LWC sources are checked by
// their jest tests and the offline package validation.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  process: 'readonly',
  __dirname: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'tmp/**', 'node_modules/**', 'force-app/**', 'coverage/**', '.sf/**', '.sfdx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'jsforce', message: 'only worker/src/salesforce/ talks to Salesforce' },
            { name: '@salesforce/core', message: 'only worker/src/salesforce/ talks to Salesforce' },
            { name: 'bullmq', message: 'only worker/src/queues/ uses BullMQ' },
          ],
        },
      ],
    },
  },
  {
    // The access layer, the simulator (which serves the API) and tests may use the Salesforce clients.
    files: ['worker/src/salesforce/**', 'worker/src/sim/**', 'worker/src/queues/**', '**/*.test.ts', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['worker/src/**/*.ts'],
    ignores: ['worker/src/config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'only config.ts reads process.env' }],
    },
  },
  {
    files: ['**/*.js'],
    ignores: ['worker/status-preview/**'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Browser modules of the status preview (bundled by scripts/build-status-preview.js).
    files: ['worker/status-preview/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly' } },
  },
);
