import type { z } from 'zod'
import type { ActionResult, ActionSpec, FunctionEvent } from '../../types/contract'
import { functionContracts, type ActionName, type FunctionContracts, type FunctionName } from '../../types/functions'
import { ApiError } from './errors'
import { send } from './transport'

type SpecOf<F extends FunctionName, A extends ActionName<F>> = FunctionContracts[F][A]
export type CallInput<F extends FunctionName, A extends ActionName<F>> =
  SpecOf<F, A> extends ActionSpec<infer I, z.ZodTypeAny> ? z.input<I> : never
export type CallOutput<F extends FunctionName, A extends ActionName<F>> =
  SpecOf<F, A> extends ActionSpec<z.ZodTypeAny, infer O> ? z.output<O> : never

export interface CallOptions {
  /** Required for actions declared with `requestId: true`; create it once per user intent. */
  requestId?: string
  /** The caller vouches that sending this twice is harmless (a read), so network failures are retried. */
  idempotent?: boolean
}

const NETWORK_RETRIES = 2

function isActionResult(reply: unknown): reply is ActionResult<unknown> {
  if (!reply || typeof reply !== 'object') return false
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (r.ok === true) return true
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error?.message === 'string'
}

/**
 * The one way the app talks to a cloud function. Types come from `types/functions.ts`;
 * an `{ ok: false }` reply is thrown as `ApiError` with the server's code, message and fields.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: CallInput<F, A>,
  opts: CallOptions = {}
): Promise<CallOutput<F, A>> {
  const spec = functionContracts[fn][action] as ActionSpec
  if (spec.requestId && !opts.requestId) {
    throw new Error(`${fn}.${action} is retried with a requestId; pass one created per user intent`)
  }
  const event: FunctionEvent = { action, data: input }
  if (opts.requestId) event.requestId = opts.requestId
  // Only a request that cannot write twice may be resent after a lost reply.
  const retries = spec.requestId || opts.idempotent ? NETWORK_RETRIES : 0
  const reply = await send(fn, event, { retries })
  if (!isActionResult(reply)) throw new ApiError('INTERNAL', '服务暂时不可用，请稍后再试')
  if (!reply.ok) throw ApiError.from(reply.error)
  const parsed = spec.output.safeParse(reply.data)
  if (!parsed.success) {
    console.error(`[api] ${fn}.${action} replied outside its schema`, parsed.error.issues)
    throw new ApiError('INTERNAL', '服务返回的数据有误，请稍后再试')
  }
  return parsed.data as CallOutput<F, A>
}

export { ApiError } from './errors'
