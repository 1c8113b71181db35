// Lint rules that keep each folder to its runtime (as VS Code does): shared/ is pure,
// renderer/ is browser-only, only main/electron/ may import Electron. And the layering of
// docs/ARCHITECTURE.md: imports point down only (hosts -> app -> features -> machinery ->
// shared), and features never import each other.
import fs from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'stream',
  'url',
  'util',
  'worker_threads',
];
// Machinery below the features, and the hosts above the composition root. Every other
// folder of main/ and renderer/src/ is a feature: the list is read from disk, not copied.
const mainMachinery = ['platform', 'rpc', 'watch'];
const mainHosts = ['electron', 'web', 'cli', 'tools'];
const rendererMachinery = ['data', 'ui'];
const rendererShell = ['shell'];
const foldersOf = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const mainFeatures = foldersOf('main').filter(
  (f) => !mainMachinery.includes(f) && !mainHosts.includes(f),
);
const rendererFeatures = foldersOf('renderer/src').filter(
  (f) => !rendererMachinery.includes(f) && !rendererShell.includes(f),
);

const layerZones = [
  // main/: machinery knows no feature, no composition root and no host.
  ...mainMachinery.map((m) => ({
    target: `./main/${m}`,
    from: [
      ...mainFeatures.map((f) => `./main/${f}`),
      ...mainHosts.map((h) => `./main/${h}`),
      './main/app.ts',
    ],
    message: 'main/ machinery (platform, rpc, watch) sits below the features: import down only.',
  })),
  // main/: a feature knows no other feature, no composition root and no host.
  ...mainFeatures.map((f) => ({
    target: `./main/${f}`,
    from: [
      ...mainFeatures.filter((g) => g !== f).map((g) => `./main/${g}`),
      ...mainHosts.map((h) => `./main/${h}`),
      './main/app.ts',
    ],
    message:
      'Features do not import each other (they meet through the kind registry and routes), nor the app or a host.',
  })),
  // renderer/: data and ui know no feature and no shell.
  ...rendererMachinery.map((m) => ({
    target: `./renderer/src/${m}`,
    from: [...rendererFeatures, ...rendererShell].map((f) => `./renderer/src/${f}`),
    message: 'renderer data/ and ui/ sit below the features and the shell: import down only.',
  })),
  // renderer/: a feature knows no other feature and not the shell that hosts it.
  ...rendererFeatures.map((f) => ({
    target: `./renderer/src/${f}`,
    from: [
      ...rendererFeatures.filter((g) => g !== f).map((g) => `./renderer/src/${g}`),
      ...rendererShell.map((s) => `./renderer/src/${s}`),
    ],
    message:
      'Features do not import each other (they meet through the kind registry and routes), nor the shell.',
  })),
];

const restrict = (groups, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map((group) => ({ group: [group], message })) },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'test-results',
      'playwright-report',
      'e2e/.cluster',
      'e2e/.cluster-*',
      'e2e/cluster/k8s',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        'react-dom',
        '**/main/**',
        '**/renderer/**',
        '@kubernetes/*',
      ],
      'shared/ is pure logic used by both sides: no Node, no DOM, no Electron, no React.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', '**/main/**', '@kubernetes/*'],
        'renderer/ runs in the browser: it talks to main only through the contract.',
      ),
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      ['electron', '**/renderer/**'],
      'Only main/electron/ may import Electron; services stay plain Node.',
    ),
  },
  {
    files: ['main/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      ['**/renderer/**'],
      'The Electron shell reaches the renderer only through the preload bridge.',
    ),
  },
  {
    files: ['main/platform/logger.ts', 'main/tools/**', 'e2e/**', '*.config.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
);
