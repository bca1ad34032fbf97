// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Patterns a folder may not import: the process boundaries of ARCHITECTURE.md. */
const electron = {
  group: ['electron', 'electron/*'],
  message: 'Only src/main and src/preload may use Electron.',
}
const nodeBuiltins = { group: ['node:*'], message: 'This code also runs outside Node.' }
const rendererCode = {
  group: ['**/renderer/**'],
  message: 'The renderer is reached only through the Bridge.',
}
const mainCode = { group: ['**/main/**'], message: 'Main-process code stays in the main process.' }
const serverCode = {
  group: ['**/server/**'],
  message: 'The server is reached only over the protocol.',
}
const preloadCode = {
  group: ['**/preload/**'],
  message: 'The preload is reached only through the Bridge.',
}
const react = { group: ['react', 'react-dom', 'react-dom/*'], message: 'Shared code is UI-free.' }

/** @param {...{group: string[], message: string}} patterns */
const forbid = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...forbid(electron, nodeBuiltins, rendererCode, mainCode, serverCode, preloadCode, react),
      // DOM-only globals have no place in code every side runs.
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'RTCPeerConnection',
        'MediaStream',
        'localStorage',
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(electron, nodeBuiltins, mainCode, serverCode, preloadCode),
    },
  },
  {
    // The engine knows nothing of React: the UI subscribes to its state (ARCHITECTURE.md).
    files: ['src/renderer/src/engine/**/*.ts'],
    rules: forbid(electron, nodeBuiltins, mainCode, serverCode, preloadCode, {
      group: ['react', 'react-dom', 'react-dom/*', '**/ui/**'],
      message: 'The call engine is UI-free: the UI reads its state, never the other way round.',
    }),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: forbid(electron, rendererCode, mainCode, preloadCode),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid(rendererCode, preloadCode),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid(rendererCode, mainCode, serverCode),
  },
)
