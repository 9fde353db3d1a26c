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
import type { ActionName, FunctionName } from '../../types/functions'
import type { CallInput, CallOutput } from '../../src/services/api'

export type DemoKey = (typeof DEMO_ACCOUNTS)[number]['key']

/** What an action takes and returns, from its contract in types/: a renamed action fails typecheck. */
export type InputOf<F extends FunctionName, A extends ActionName<F>> = CallInput<F, A>
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = CallOutput<F, A>

export interface TestBackend {
  engine: Engine
  dataDir: string
  /** Calls a function as a demo person (or as nobody with `null`), typed by the contract. */
  call<F extends FunctionName, A extends ActionName<F>>(
    as: string | null,
    fn: F,
    action: A,
    data?: InputOf<F, A>,
    requestId?: string
  ): Promise<ActionResult<OutputOf<F, A>>>
  /** Like call, but throws unless ok, and returns the data. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    as: string | null,
    fn: F,
    action: A,
    data?: InputOf<F, A>,
    requestId?: string
  ): Promise<OutputOf<F, A>>
  /**
   * Unchecked, for what the contract cannot type: the generated matrix and fuzzing (any action by
   * name) and inputs that are wrong on purpose.
   */
  callUnchecked(as: string | null, fn: string, action: string, data?: unknown, requestId?: string): Promise<ActionResult<unknown>>
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

  const call = async (as: string | null, fnName: string, action: string, data?: unknown, requestId?: string) => {
    const fn = Object.prototype.hasOwnProperty.call(cloudFunctions, fnName) ? cloudFunctions[fnName] : undefined
    if (!fn) throw new Error(`no function ${fnName}`)
    const event = requestId ? { action, data, requestId } : { action, data }
    return fn.main(event, contextFor(as === null ? undefined : demoOpenid(as), fnName, randomUUID()))
  }

  return {
    engine,
    dataDir,
    // The router checked the reply against the same contract the types come from.
    call: call as TestBackend['call'],
    callUnchecked: call,
    ok: (async (as: string | null, fnName: string, action: string, data?: unknown, requestId?: string) => {
      const res = await call(as, fnName, action, data, requestId)
      if (!res.ok)
        throw new Error(`${fnName}.${action} as ${as}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.fields ?? {})}`)
      return res.data
    }) as TestBackend['ok'],
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

/**
 * Runs `work` with the database going away at the first write to `collection`, as when the function
 * is killed right there (reads still answer): what was written before that write stays, and a
 * transaction that held it commits nothing.
 */
export async function killedAtWriteTo<T>(b: TestBackend, collection: string, work: () => Promise<T>): Promise<T> {
  const Inner = b.engine.requesterClass()
  class KilledAtWrite {
    private readonly inner = new Inner()
    async send(api: string, data?: unknown, opts?: unknown): Promise<unknown> {
      const target = (data as { collectionName?: string } | undefined)?.collectionName
      if (target === collection && !/get/i.test(api)) throw new Error(`killed at a write to ${collection}`)
      return this.inner.send(api, data, opts)
    }
  }
  setDatabaseRequester(KilledAtWrite)
  // The router logs the failure as unexpected; here it is the point.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    return await work()
  } finally {
    quiet.mockRestore()
    setDatabaseRequester(Inner)
  }
}
