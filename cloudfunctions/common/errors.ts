import type { ActionError, ErrorCode } from '../../types/contract'

/** A failure the caller should see: code from the contract, message in Chinese. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>
  ) {
    // An answer to the caller, never a fault to trace: capturing a stack for each of a burst's
    // hundreds of refusals (SLOT_FULL) was a measurable part of their cost.
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
    this.name = 'AppError'
  }

  toJSON(): ActionError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }
}

export const fail = {
  unauthenticated: (m = '请先登录') => new AppError('UNAUTHENTICATED', m),
  forbidden: (m = '没有权限进行此操作') => new AppError('FORBIDDEN', m),
  notFound: (m = '没有找到相关记录') => new AppError('NOT_FOUND', m),
  conflict: (m: string) => new AppError('CONFLICT', m),
  invalid: (field: string, m: string) => new AppError('INVALID_INPUT', m, { [field]: m })
}

/**
 * CloudBase reports a unique-index violation as code DATABASE_DUPLICATE_WRITE with an
 * "E11000 duplicate key" message; the embedded engine answers the same way.
 */
export function isDuplicateKeyError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { code?: unknown; message?: unknown }
  return e.code === 'DATABASE_DUPLICATE_WRITE' || (typeof e.message === 'string' && /E11000|duplicate key/i.test(e.message))
}
