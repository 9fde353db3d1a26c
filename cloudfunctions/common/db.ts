/**
 * The one way server code reaches the database: the real `@cloudbase/node-sdk` database.
 * In the cloud the SDK talks HTTP to CloudBase; the local host swaps only the SDK's requester
 * (`Db.reqClass`) for the embedded engine, so every query is serialized by the SDK in both places.
 */
import tcb from '@cloudbase/node-sdk'
import { Db } from '@cloudbase/database'

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

/**
 * Runs `work` in a database transaction (serializable; rolled back if it throws).
 * CloudBase transactions address documents by id only.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return (await db().runTransaction(work)) as T
}

/** A doc().get() answers with an array outside a transaction and an object inside one. */
export function firstDoc<T>(res: { data?: unknown }): T | undefined {
  const d = res.data
  if (Array.isArray(d)) return d[0] as T | undefined
  return (d ?? undefined) as T | undefined
}
