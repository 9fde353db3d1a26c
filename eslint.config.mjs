import { readdirSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const root = dirname(fileURLToPath(import.meta.url))
const functionsDir = resolve(root, 'cloudfunctions')
/** Shared folders under cloudfunctions/ that are not a function of their own. */
const SHARED = new Set(['common', 'local'])

/** Where a file sits under cloudfunctions/: its top folder ('' for a file at the top, undefined outside). */
function topFolder(file) {
  const rel = relative(functionsDir, file)
  if (rel.startsWith('..') || rel === '') return undefined
  const parts = rel.split(sep)
  return parts.length > 1 ? parts[0] : ''
}

/**
 * The service boundaries of ARCHITECTURE and README "Adding a service": a function's folder is its
 * service, so no function imports another function's folder (shared code lives in common/ or
 * types/), and nothing deployed imports the local host in cloudfunctions/local.
 */
const serviceBoundaries = {
  meta: {
    type: 'problem',
    messages: {
      local: 'Deployed code must not import cloudfunctions/local ({{source}}): the local host is never deployed.',
      otherFunction:
        "cloudfunctions/{{from}} must not import another function's folder ({{source}}): move what both need to cloudfunctions/common or types/."
    },
    schema: []
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename
    const from = topFolder(file)
    if (from === undefined || from === 'local') return {}
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = topFolder(resolve(dirname(file), source))
      if (target === undefined || target === '' || target === from) return
      if (target === 'local') context.report({ node, messageId: 'local', data: { source } })
      else if (!SHARED.has(target) && from !== '') context.report({ node, messageId: 'otherFunction', data: { from, source } })
    }
    const fromSource = (node) => node.source && check(node, node.source.value)
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        // typescript-eslint 8.x names the literal `source` (older: `argument`, a TSLiteralType).
        const lit = 'source' in node ? node.source : node.argument?.literal
        if (lit && lit.type === 'Literal') check(node, lit.value)
      }
    }
  }
}

/** Every function folder there is now (nursing and records included once they exist). */
export const functionFolders = readdirSync(functionsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !SHARED.has(d.name))
  .map((d) => d.name)

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '*.config.js', 'babel.config.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error'
    }
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/local/**'],
    plugins: { local: { rules: { 'service-boundaries': serviceBoundaries } } },
    rules: { 'local/service-boundaries': 'error' }
  },
  prettier
)
