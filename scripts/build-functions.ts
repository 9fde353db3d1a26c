/**
 * `npm run build:functions`: one esbuild bundle per cloud function in dist/cloudfunctions/<name>/
 * (index.js exporting main, and its package.json), so that a cold start loads one small file.
 */
import { build } from 'esbuild'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cloudFunctions } from '../cloudfunctions/registry'

/**
 * Cloud-call (openapi) permissions a function needs, written to its config.json. WeChat DevTools
 * applies them on upload; the `jobs` function sends subscribe messages from the outbox.
 */
const OPENAPI_PERMISSIONS: Record<string, string[]> = { jobs: ['subscribeMessage.send'] }

/** Packages left out of the bundle and installed by CloudBase from the function's package.json. */
const EXTERNAL: Record<string, string> = {}

export async function buildFunctions(outRoot = 'dist/cloudfunctions'): Promise<Array<{ name: string; kb: number }>> {
  const sizes: Array<{ name: string; kb: number }> = []
  for (const name of Object.keys(cloudFunctions)) {
    const outDir = join(outRoot, name)
    mkdirSync(outDir, { recursive: true })
    await build({
      entryPoints: [join('cloudfunctions', name, 'index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: Object.keys(EXTERNAL),
      logLevel: 'warning'
    })
    writeFileSync(
      join(outDir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: EXTERNAL }, null, 2) + '\n'
    )
    if (OPENAPI_PERMISSIONS[name]) {
      writeFileSync(join(outDir, 'config.json'), JSON.stringify({ permissions: { openapi: OPENAPI_PERMISSIONS[name] } }, null, 2) + '\n')
    }
    sizes.push({ name, kb: Math.round(statSync(join(outDir, 'index.js')).size / 1024) })
  }
  return sizes
}

if (require.main === module) {
  buildFunctions()
    .then((sizes) => sizes.forEach((s) => console.log(`dist/cloudfunctions/${s.name}/index.js  ${s.kb} KB`)))
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
