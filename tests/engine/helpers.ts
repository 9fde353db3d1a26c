/** The engine behind the real SDK, in a fresh temp dir, for the engine suites. */
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { db, setDatabaseRequester, type Database } from '../../cloudfunctions/common/db'
import { Engine, type EngineOptions } from '../../cloudfunctions/local/engine'

export interface EngineUnderTest {
  engine: Engine
  dataDir: string
  db: Database
  /** Closes the engine (and with `keepFiles`, leaves the data dir for a reopen). */
  close(keepFiles?: boolean): Promise<void>
  /** Closes and opens the same data dir again, rewiring the SDK to the new engine. */
  reopen(): Promise<EngineUnderTest>
}

export function tempDir(prefix = 'engine-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export async function openEngine(opts: Omit<EngineOptions, 'dataDir'> = {}, dataDir = tempDir()): Promise<EngineUnderTest> {
  const engine = await Engine.open({ ...opts, dataDir })
  setDatabaseRequester(engine.requesterClass())
  const self: EngineUnderTest = {
    engine,
    dataDir,
    db: db(),
    async close(keepFiles = false) {
      setDatabaseRequester(undefined)
      await engine.close()
      if (!keepFiles) rmSync(dataDir, { recursive: true, force: true })
    },
    async reopen() {
      await self.close(true)
      return openEngine(opts, dataDir)
    }
  }
  return self
}

/** What a CloudBase error looks like to application code: the SDK's thrown TcbError. */
export async function caught(promise: Promise<unknown>): Promise<{ code?: string; message?: string; requestId?: string }> {
  try {
    await promise
  } catch (err) {
    return err as { code?: string; message?: string; requestId?: string }
  }
  throw new Error('expected the call to fail')
}
