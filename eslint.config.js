// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'timers',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

/** machines/ is the pure core: no UI, no Electron, no Node, no wall clock, no unseeded randomness. */
const coreImports = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: 'machines/ is the pure core: no Node APIs.' })),
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@xstate/react'],
      message: 'machines/ is the pure core: no React.',
    },
    { group: ['electron', 'electron/*'], message: 'machines/ is the pure core: no Electron.' },
    { group: ['node:*'], message: 'machines/ is the pure core: no Node APIs.' },
    {
      group: ['**/renderer/**', '**/electron/**', '**/cli/**'],
      message: 'machines/ may not import the layers above it.',
    },
  ],
};
/** Above the core, the core is reached through its one door (machines/index.ts), never a room inside it. */
const throughTheDoor = {
  group: ['**/machines/*', '**/machines/**'],
  message: "Import the core through its door, '../machines' (machines/index.ts), not a file inside it.",
};
const UI_ONLY = ['react', 'react-dom', 'react/*', 'react-dom/*', '@xstate/react'];

const coreGlobals = [
  { name: 'setTimeout', message: 'Use the virtual clock (xstate delays), not wall-clock timers.' },
  { name: 'setInterval', message: 'Use the virtual clock (xstate delays), not wall-clock timers.' },
  { name: 'clearTimeout', message: 'Use the virtual clock, not wall-clock timers.' },
  { name: 'clearInterval', message: 'Use the virtual clock, not wall-clock timers.' },
  { name: 'Date', message: 'No wall-clock time in the core: times are SimTime from the virtual clock.' },
  { name: 'performance', message: 'No wall-clock time in the core.' },
];
const coreProperties = [{ object: 'Math', property: 'random', message: 'No unseeded randomness in the core.' }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'schema/**',
      '.tmp/**',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One program for every file (tsconfig.json covers them all), not one per nearest tsconfig: the
        // project service built five, the core's types computed in four of them (issue #21: 110 -> 76
        // CPU s). Each file's own compiler options are typecheck's to enforce; JS files are not typed.
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One import line per module (a type-only line may stand beside it): the door is imported once.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['machines/**/*.ts'],
    ignores: ['machines/**/*.test.ts', 'machines/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': ['error', coreImports],
      'no-restricted-globals': ['error', ...coreGlobals],
      'no-restricted-properties': ['error', ...coreProperties],
    },
  },
  {
    // Tests beside the core may read files, but stay on the virtual clock and seeded randomness, and
    // take nothing from scripts/ (what they check lives in the core itself).
    files: ['machines/**/*.test.ts', 'machines/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/scripts/**'], message: "The core's tests import nothing from scripts/." },
            {
              group: ['**/renderer/**', '**/electron/**', '**/cli/**'],
              message: 'machines/ may not import the layers above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...coreGlobals],
      'no-restricted-properties': ['error', ...coreProperties],
    },
  },
  {
    // ipc/ is the contract both the shell and the renderer import, so it may import neither of them.
    files: ['ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'node:*'],
              message: 'ipc/ is shared with the renderer: no Electron, no Node.',
            },
            {
              group: ['**/renderer/**', '**/electron/**', '**/cli/**', '**/machines/**'],
              message: 'ipc/ is neutral: it imports none of the layers that use it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'renderer/ runs as a web page: no Node APIs.' })),
          patterns: [
            throughTheDoor,
            { group: ['node:*'], message: 'renderer/ runs as a web page: no Node APIs.' },
            { group: ['electron', 'electron/*'], message: 'renderer/ reaches the shell only through window.ringside.' },
            {
              group: ['**/electron/**', '**/cli/**', '**/scripts/**'],
              message: 'renderer/ may not import the shell, the CLI or scripts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer's tests run in Node and may read fixtures, but reach the core through its door too.
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            throughTheDoor,
            { group: ['**/electron/**', '**/cli/**'], message: 'renderer/ may not import the shell or the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/**/*.ts'],
    ignores: ['cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            throughTheDoor,
            { group: UI_ONLY, message: 'The CLI is a thin wrapper over the core: no React.' },
            { group: ['electron', 'electron/*'], message: 'The CLI runs in Node, not Electron.' },
            {
              group: ['**/renderer/**', '**/electron/**', '**/scripts/**'],
              message: 'cli/ may not import the UI, the shell or scripts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI's tests may share fixtures with the e2e tests (scripts/), but reach the core through its door.
    files: ['cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            throughTheDoor,
            { group: ['**/renderer/**', '**/electron/**'], message: 'cli/ may not import the UI or the shell.' },
          ],
        },
      ],
    },
  },
  {
    // The shell opens windows, menus and files; it shares only the IPC contract (ipc/) with the page.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: UI_ONLY, message: "electron/ is the shell: the UI is the renderer's." },
            {
              group: ['**/renderer/**', '**/cli/**', '**/machines', '**/machines/**'],
              message: 'electron/ may not import the renderer, the CLI or the core; shared types live in ipc/.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
