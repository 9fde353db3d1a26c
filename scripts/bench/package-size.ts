/** Size of the weapp main package: everything in dist/weapp except the subpackage roots. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

export function weappPackageSizes(root = 'dist/weapp'): { mainKB: number; subpackagesKB: Record<string, number>; totalKB: number } {
  if (!existsSync(join(root, 'app.json'))) throw new Error(`${root}/app.json missing: run npm run build:weapp`)
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const sub: Record<string, number> = Object.fromEntries(subRoots.map((r) => [r, 0]))
  let main = 0
  for (const file of walk(root)) {
    const rel = relative(root, file)
    const size = statSync(file).size
    const owner = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`))
    if (owner) sub[owner] += size
    else main += size
  }
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10
  return {
    mainKB: kb(main),
    subpackagesKB: Object.fromEntries(Object.entries(sub).map(([k, v]) => [k, kb(v)])),
    totalKB: kb(main + Object.values(sub).reduce((a, b) => a + b, 0))
  }
}
