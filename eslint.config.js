// @ts-check
import tseslint from 'typescript-eslint';

const noFocusedOrSkippedTests = {
  'no-restricted-properties': ['error',
    ...['test', 'it', 'describe', 'suite'].flatMap((object) => ['only', 'skip', 'todo'].map((property) => ({
      object, property, message: 'Focused, skipped or todo tests do not land: fix or delete the test.',
    }))),
  ],
  'no-restricted-syntax': ['error', {
    selector: "CallExpression[callee.name=/^(test|it|describe|suite)$/] ObjectExpression > Property[key.name=/^(only|skip|todo)$/]",
    message: 'Focused, skipped or todo tests do not land: fix or delete the test.',
  }, {
    // A failing assert.ok with no message makes Node parse the test's source to word one, seconds per
    // failure on a TypeScript file: retried in a loop, it blocks the process (and the server in it) for minutes.
    selector: "CallExpression[callee.name='expectEventually'] CallExpression[callee.object.name='assert'][callee.property.name='ok'][arguments.length=1]",
    message: 'assert.ok inside expectEventually needs a message.',
  }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-artifacts/**', 'client/dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    // design/ and views/ are the application: pure, no I/O, and they never import the engines.
    files: ['design/**/*.ts', 'views/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**', '**/client/**', '**/engine/**', '**/tests/**'], message: 'design/ and views/ import neither server/, client/ nor engine/.' },
          { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'pouchdb*', 'express', 'nano', 'classic-level', 'level'], message: 'design/ and views/ do no I/O.' },
        ],
      }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/server/**', '**/client/**', '**/tests/**'], message: 'engine/ is shared by server and client and imports neither.' }],
      }],
    },
  },
  // The map runtime's source text runs in CouchDB's JavaScript engine, which may be ES5 only.
  { files: ['views/map-runtime.ts'], rules: { 'no-var': 'off' } },
  { files: ['tests/**/*.ts'], rules: noFocusedOrSkippedTests },
);
