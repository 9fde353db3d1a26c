/**
 * The one way server code reaches the database: the real `@cloudbase/node-sdk` database.
 * In the cloud the SDK talks HTTP to CloudBase; the local host swaps only the SDK's requester
 * (`Db.reqClass`) for the embedded engine, so every query is serialized by the SDK in both places.
 */
import tcb from '@cloudbase/node-sdk'
import { Db } from '@cloudbase/database'
import { AppError } from './errors'

type App = ReturnType<typeof tcb.init>
export type Database = ReturnType<App['database']>

type RequesterClass = new (config: unknown) => { send(api: string, data?: unknown, opts?: unknown): Promise<unknown> }

let app: App | undefined
let requester: RequesterClass | undefined
let database: Database | undefined

/** Called by the local host and tests only: route the SDK's database requests to another requester. */
export function setDatabaseRequester(cls: RequesterClass | undefined): void {
  requester = cls
  database = undefined
}

export function getApp(): App {
  if (!app) app = tcb.init({ env: process.env.TCB_ENV || tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function db(): Database {
  if (!database) {
    database = getApp().database()
    // newDb() resets the static requester on every call; put ours back after it.
    if (requester) (Db as unknown as { reqClass: RequesterClass }).reqClass = requester
  }
  return database
}

export type Transaction = import('@cloudbase/database/dist/commonjs/transaction/index').Transaction

const CONFLICT_RETRIES = 8

function isTransactionConflict(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT'
}

/**
 * Runs `work` in a database transaction (snapshot reads; rolled back if it throws).
 * CloudBase transactions address documents by id only.
 *
 * CloudBase raises DATABASE_TRANSACTION_CONFLICT at the write that collides with another open
 * transaction. The SDK's own retry runs again at once, twice, while the winner is usually still
 * open, so ten people pressing the same button would see 系统繁忙. We retry with a jittered,
 * growing pause instead: the rerun reads what the winner committed and answers the person with
 * what actually happened (e.g. "状态已变为…"). `work` must therefore only touch the database
 * through `tx`, so that running it again is safe.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await db().runTransaction(work, 0)) as T
    } catch (err) {
      if (!isTransactionConflict(err)) throw err
      if (attempt >= CONFLICT_RETRIES) throw new AppError('CONFLICT', '同时办理的人较多，请稍后再试')
      const pause = Math.min(400, 10 * 2 ** attempt)
      await new Promise((r) => setTimeout(r, pause / 2 + Math.random() * pause))
    }
  }
}

/** A doc().get() answers with an array outside a transaction and an object inside one. */
export function firstDoc<T>(res: { data?: unknown }): T | undefined {
  const d = res.data
  if (Array.isArray(d)) return d[0] as T | undefined
  return (d ?? undefined) as T | undefined
}
