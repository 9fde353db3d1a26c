/**
 * Typed reads: `collection<OrderDoc>('decoction_orders')` is the SDK's own collection, seen through
 * an interface whose reads answer with the stored document type, so no caller casts `res.data`.
 * Nothing is wrapped at run time: every query is still serialized by the SDK exactly as before.
 */
import { db, type Transaction } from './db'

type Where = Record<string, unknown>
type Changes = Record<string, unknown>

export interface TypedQuery<T> {
  where(query: Where): TypedQuery<T>
  orderBy(field: string, direction: 'asc' | 'desc'): TypedQuery<T>
  limit(n: number): TypedQuery<T>
  skip(n: number): TypedQuery<T>
  field(projection: Record<string, boolean>): TypedQuery<T>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  update(changes: Changes): Promise<{ updated?: number }>
  /** One conditional update that answers with the document as it is after the update. */
  updateAndReturn(changes: Changes): Promise<{ updated?: number; doc?: T }>
  remove(): Promise<{ deleted?: number }>
}

export interface TypedDoc<T> {
  /** Outside a transaction: `{ data: [doc] }` or `{ data: [] }`. */
  get(): Promise<{ data: T[] }>
  update(changes: Changes): Promise<{ updated?: number }>
  set(body: Omit<T, '_id'>): Promise<unknown>
  remove(): Promise<{ deleted?: number }>
}

export interface TypedCollection<T extends { _id: string }> extends TypedQuery<T> {
  doc(id: string): TypedDoc<T>
  add(doc: Omit<T, '_id'> & { _id?: string }): Promise<{ id: string | number }>
}

export function collection<T extends { _id: string }>(name: string): TypedCollection<T> {
  return db().collection(name) as unknown as TypedCollection<T>
}

/** One document by id, or undefined: a `where` read answers [] for a missing id, never an error. */
export async function byId<T extends { _id: string }>(name: string, id: string): Promise<T | undefined> {
  const res = await collection<T>(name).where({ _id: id }).get()
  return res.data[0]
}

export interface TypedTxDoc<T> {
  /** Inside a transaction a doc read answers with the object itself (or nothing). */
  get(): Promise<{ data: T | undefined }>
  update(changes: Changes): Promise<unknown>
  set(body: Omit<T, '_id'>): Promise<unknown>
  delete(): Promise<unknown>
}

/** The transactional doc of a typed collection (transactions address documents by id only). */
export function txDoc<T extends { _id: string }>(tx: Transaction, name: string, id: string): TypedTxDoc<T> {
  return tx.collection(name).doc(id) as unknown as TypedTxDoc<T>
}

/**
 * A document handed over untyped by common code (`transition`'s `within` sees the document as
 * stored, whatever the collection), named as the stored type its collection holds.
 */
export function stored<T extends { _id: string }>(doc: Record<string, unknown> & { _id: string }): T {
  return doc as unknown as T
}
