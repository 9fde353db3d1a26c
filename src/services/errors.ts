import type { ActionError, ErrorCode } from '../../types/contract'

/** `NETWORK` is the client's own: the request never got a reply from a function. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

/** What `call` throws for an `{ ok: false }` reply or a request that could not be delivered. */
export class ApiError extends Error {
  readonly code: ClientErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ClientErrorCode, message: string, fields?: Record<string, string>) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.fields = fields
  }

  static from(error: ActionError): ApiError {
    return new ApiError(error.code, error.message, error.fields)
  }
}

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

/** A Chinese sentence fit to show a patient for anything a page caught. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message || NETWORK_MESSAGE
  return '出了点问题，请稍后重试'
}
