/**
 * Serves the built H5 app on the local host with a throwaway data dir, for looking at screens by
 * hand: `npx tsx scripts/e2e/serve.ts [port]`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHost } from '../../cloudfunctions/local/host'

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'chc-serve-'))
  const host = await startHost({ port: Number(process.argv[2] ?? 10087), dataDir, staticDir: join(__dirname, '../../dist/h5') })
  console.log(`serving dist/h5 at ${host.url} (data in ${dataDir})`)
  const stop = () => host.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
