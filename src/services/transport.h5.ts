/**
 * Local (H5) transport: `POST /api/fn/<name>` on the local host, with the demo session's token.
 * Chosen over `transport.ts` by Taro's platform file suffix.
 */
import type { FunctionEvent } from '../../types/contract'
import { ApiError } from './errors'
import { DeliveryFailure, withRetries } from './retry'
import { getToken, handleUnauthenticated } from './session'

const TIMEOUT_MS = 15000

async function post(fn: string, event: FunctionEvent): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined
  let res: Response
  try {
    res = await fetch(`/api/fn/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
      signal: controller?.signal
    })
  } catch (e) {
    throw new DeliveryFailure(e instanceof Error ? e.message : String(e))
  } finally {
    if (timer) clearTimeout(timer)
  }
  // A gateway or a restarting host: the function may not have run; a retry is the caller's call.
  if (res.status >= 500) throw new DeliveryFailure(`HTTP ${res.status}`)
  if (!res.ok) {
    console.error(`[transport] ${fn} answered HTTP ${res.status}`)
    throw new ApiError('INTERNAL', res.status === 413 ? '提交的内容过大' : '服务暂时不可用，请稍后再试')
  }
  try {
    return await res.json()
  } catch {
    throw new DeliveryFailure('reply was not JSON')
  }
}

export async function send(fn: string, event: FunctionEvent, opts: { retries: number }): Promise<unknown> {
  const reply = await withRetries(() => post(fn, event), opts.retries)
  const error = (reply as { ok?: boolean; error?: { code?: string } } | null)?.error
  if (error?.code === 'UNAUTHENTICATED') handleUnauthenticated()
  return reply
}
