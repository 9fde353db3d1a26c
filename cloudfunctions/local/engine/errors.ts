/**
 * Errors the engine answers with. They travel back to the SDK as `{ code, message, requestId }`,
 * exactly like a CloudBase error reply, and the requester turns them into the SDK's own thrown error.
 */

export const ErrorCode = {
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DATABASE_INVALID_OPERRATOR: 'DATABASE_INVALID_OPERRATOR',
  DATABASE_DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL'
} as const

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode]

export class EngineError extends Error {
  readonly code: ErrorCodeName

  constructor(code: ErrorCodeName, message: string) {
    super(message)
    this.name = 'EngineError'
    this.code = code
  }
}

export interface WireError {
  code: string
  message: string
}

/** MongoDB-style text, as CloudBase relays it: `E11000 duplicate key error collection: c index: i dup key: { ... }`. */
export function duplicateKeyError(collection: string, indexName: string, key: Record<string, unknown>): EngineError {
  const parts = Object.entries(key).map(([field, value]) => `${field}: ${describeValue(value)}`)
  return new EngineError(
    ErrorCode.DATABASE_DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: { ${parts.join(', ')} }`
  )
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'null'
  if (value instanceof Date) return `new Date(${value.getTime()})`
  return JSON.stringify(value) ?? 'null'
}

export function invalidParam(message: string): EngineError {
  return new EngineError(ErrorCode.INVALID_PARAM, message)
}

export function toWireError(err: unknown): WireError {
  if (err instanceof EngineError) return { code: err.code, message: err.message }
  const message = err instanceof Error ? err.message : String(err)
  return { code: ErrorCode.DATABASE_REQUEST_FAILED, message: `[local engine] ${message}` }
}
