// Lint for all TypeScript (relay, shared, SuiteScripts, doubles, tests, benchmarks, scripts):
// typescript-eslint's recommended rules, plus the project's own conventions below.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'relay/dist/',
      'coverage/',
      // Build output: the SuiteScripts compiled to AMD.
      'suiteapp/src/FileCabinet/',
      // Vendored third-party material (FedEx, Oracle samples), kept as published.
      'test/fixtures/',
      '**/*.generated.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks what is deliberately unused (destructuring a field away, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests, doubles and benchmarks read JSON off the wire and poke at doubles: `any` is allowed there,
    // never in the product (relay, shared, SuiteScripts).
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The relay reads its configuration in one place (relay/src/env.ts, handed process.env by the
    // entry point): never process.env elsewhere.
    files: ['relay/src/**/*.ts'],
    ignores: ['relay/src/env.ts', 'relay/src/index.ts', 'relay/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through relay/src/env.ts.' }],
    },
  },
  {
    // SuiteScripts and the code they share run in NetSuite: no Node globals there.
    files: ['suiteapp/ts/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
  },
);
