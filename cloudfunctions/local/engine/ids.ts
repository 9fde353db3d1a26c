/** Document ids: generation, map keys, and the natural (storage) order. */
import { randomBytes } from 'crypto'
import type { DocId } from './types'

let lastMs = 0
let counter = 0

const POOL_SIZE = 4096
let pool = randomBytes(POOL_SIZE)
let poolAt = 0

/** `bytes` random bytes as hex, from a pooled buffer (one randomBytes call per 4 KB instead of per id). */
export function randomHex(bytes: number): string {
  if (poolAt + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE)
    poolAt = 0
  }
  const hex = pool.toString('hex', poolAt, poolAt + bytes)
  poolAt += bytes
  return hex
}

/**
 * A 32-hex id like CloudBase's. Time-ordered (ms timestamp, then a per-ms counter, then randomness)
 * so that natural order (ascending _id) follows insertion order for generated ids.
 */
export function generateId(): string {
  const now = Date.now()
  if (now > lastMs) {
    lastMs = now
    counter = 0
  } else {
    counter++
  }
  const time = lastMs.toString(16).padStart(12, '0').slice(-12)
  const seq = counter.toString(16).padStart(6, '0').slice(-6)
  return time + seq + randomHex(7)
}

export function isDocId(value: unknown): value is DocId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

/** A Map key that keeps `1` and `'1'` apart. */
export function idKey(id: DocId): string {
  return typeof id === 'number' ? `n:${id}` : `s:${id}`
}

/** nedb's order for ids: numbers before strings. */
export function compareIds(a: DocId, b: DocId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return a < b ? -1 : a > b ? 1 : 0
}
