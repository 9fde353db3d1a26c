/**
 * A backend for tests: the embedded engine in a temp dir behind the real SDK, the demo seed, and
 * every cloud function called the way CloudBase calls it (event + context), as any demo person.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { setDatabaseRequester } from '../../cloudfunctions/common/db'
import { manifest } from '../../cloudfunctions/common/collections'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { Engine } from '../../cloudfunctions/local/engine'
import { seedIfEmpty } from '../../cloudfunctions/local/seed'
import { DEMO_ACCOUNTS, demoOpenid } from '../../cloudfunctions/local/demo'
import { contextFor } from '../../cloudfunctions/local/session'
import type { ActionResult } from '../../types/contract'

export type DemoKey = (typeof DEMO_ACCOUNTS)[number]['key']

export interface TestBackend {
  engine: Engine
  dataDir: string
  /** Calls a function as a demo person (or as nobody with `null`). */
  call<T = unknown>(as: string | null, fn: string, action: string, data?: unknown, requestId?: string): Promise<ActionResult<T>>
  /** Like call, but throws unless ok, and returns the data. */
  ok<T = unknown>(as: string | null, fn: string, action: string, data?: unknown, requestId?: string): Promise<T>
  accountId(key: string): string
  close(): Promise<void>
}

export async function openBackend(opts: { seed?: boolean } = {}): Promise<TestBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hospital-test-'))
  const engine = await Engine.open({ dataDir })
  await engine.ensureIndexes(manifest)
  setDatabaseRequester(engine.requesterClass())
  clearSettingsCache()
  if (opts.seed !== false) await seedIfEmpty()

  const call = async <T>(as: string | null, fnName: string, action: string, data?: unknown, requestId?: string) => {
    const fn = cloudFunctions[fnName]
    if (!fn) throw new Error(`no function ${fnName}`)
    const event = requestId ? { action, data, requestId } : { action, data }
    return (await fn.main(event, contextFor(as === null ? undefined : demoOpenid(as), fnName, randomUUID()))) as ActionResult<T>
  }

  return {
    engine,
    dataDir,
    call,
    async ok<T>(as: string | null, fnName: string, action: string, data?: unknown, requestId?: string) {
      const res = await call<T>(as, fnName, action, data, requestId)
      if (!res.ok)
        throw new Error(`${fnName}.${action} as ${as}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.fields ?? {})}`)
      return res.data
    },
    accountId: (key) => accountIdFor(demoOpenid(key)),
    async close() {
      setDatabaseRequester(undefined)
      await engine.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

export function rid(): string {
  return randomUUID().replace(/-/g, '')
}
