/** The page benchmarks' database: a seeded embedded engine in a fresh folder, with the SDK pointed at it. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { manifest } from '../../cloudfunctions/common/collections'
import { setDatabaseRequester } from '../../cloudfunctions/common/db'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import { Engine } from '../../cloudfunctions/local/engine'
import { seedIfEmpty } from '../../cloudfunctions/local/seed'

/** Opens it with the demo data; `close` points the SDK away, closes the engine and removes the folder. */
export async function openSeededEngine(name: string): Promise<{ engine: Engine; close(): Promise<void> }> {
  process.env.FIELD_ENCRYPTION_KEY ||= 'bench-only-field-key-0123456789'
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-bench-`))
  const engine = await Engine.open({ dataDir })
  const close = async () => {
    setDatabaseRequester(undefined)
    await engine.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await engine.ensureIndexes(manifest)
    setDatabaseRequester(engine.requesterClass())
    clearSettingsCache()
    await seedIfEmpty()
  } catch (err) {
    await close()
    throw err
  }
  return { engine, close }
}
