/**
 * The wire format: the SDK sends queries, updates and documents as canonical Extended JSON strings
 * (`{"n":{"$numberInt":"1"}}`, `{"$date":{"$numberLong":"0"}}`) and parses the documents we return with
 * `EJSON.parse`. Internally the engine works on plain JS values (number, string, Date, RegExp in queries).
 */
import { EJSON } from 'bson'
import { EngineError, ErrorCode, invalidParam } from './errors'
import type { Doc } from './types'

type Mode = 'query' | 'document'

interface BsonValue {
  _bsontype: string
  toString(): string
  toHexString?: () => string
  toNumber?: () => number
  valueOf(): unknown
  pattern?: string
  options?: string
}

function isBsonValue(value: object): value is BsonValue {
  return typeof (value as { _bsontype?: unknown })._bsontype === 'string'
}

/** JS RegExp flags that MongoDB shares; Mongo's `x` and `l` have no JS equivalent. */
function toRegExp(pattern: string, options: string): RegExp {
  const flags = Array.from(new Set(options.split('').filter((f) => 'imsu'.includes(f)))).join('')
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw invalidParam(`invalid regular expression /${pattern}/: ${(err as Error).message}`)
  }
}

function normalize(value: unknown, now: number, mode: Mode): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) {
    if (value instanceof RegExp && mode === 'document') throw invalidParam('a regular expression cannot be stored in a document')
    return value
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, now, mode))
  if (isBsonValue(value)) {
    switch (value._bsontype) {
      case 'BSONRegExp':
        if (mode === 'document') throw invalidParam('a regular expression cannot be stored in a document')
        return toRegExp(value.pattern ?? '', value.options ?? '')
      case 'ObjectId':
      case 'ObjectID':
        return value.toHexString ? value.toHexString() : value.toString()
      case 'Long':
        return value.toNumber ? value.toNumber() : Number(value.toString())
      case 'Int32':
      case 'Double':
        return Number(value.valueOf())
      case 'Decimal128':
        return Number(value.toString())
      default:
        throw new EngineError(ErrorCode.DATABASE_INVALID_OPERRATOR, `BSON type ${value._bsontype} is not supported by the local engine`)
    }
  }
  const source = value as Record<string, unknown>
  const keys = Object.keys(source)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = source.$tcb_server_date as { offset?: unknown } | null
    const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0
    return new Date(now + offset)
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const item = source[key]
    if (item !== undefined) out[key] = normalize(item, now, mode)
  }
  return out
}

/** Parses one EJSON string from the wire; `$tcb_server_date` becomes the server time (+offset ms) `now`. */
export function parseWire(text: string, now: number, mode: Mode): unknown {
  let parsed: unknown
  try {
    // Text with no key or value starting with `$` holds nothing but JSON: plain JSON.parse reads it the same, faster.
    if (!text.includes('"$')) return JSON.parse(text)
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw invalidParam(`malformed EJSON: ${(err as Error).message}`)
  }
  return normalize(parsed, now, mode)
}

export function parseWireObject(text: string, now: number, mode: Mode, what: string): Doc {
  const value = parseWire(text, now, mode)
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof RegExp) {
    throw invalidParam(`${what} must be an object`)
  }
  return value as Doc
}

/** Canonical EJSON: the engine's own records (journal, index keys, change detection), where types must not blur. */
export function toWire(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false })
}

/**
 * Documents as replies carry them, for the SDK's `EJSON.parse` (relaxed by default): relaxed EJSON, in
 * which a number is a plain JSON number. It parses to the very same values as canonical EJSON (a
 * `{"$numberInt":"3"}` becomes 3 either way, a date a Date) at about two thirds of the SDK's parsing cost.
 */
export function replyWire(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: true })
}

const wireOfStored = new WeakMap<object, string>()

/**
 * replyWire for a document as stored, remembered per object: stored documents are never modified (an update
 * stores a new object), and the same few (a session, a settings document) are read by every caller.
 */
export function storedToWire(doc: Doc): string {
  let text = wireOfStored.get(doc)
  if (text === undefined) {
    text = replyWire(doc)
    wireOfStored.set(doc, text)
  }
  return text
}
