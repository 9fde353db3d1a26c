/**
 * Mini program transport: `wx.cloud.callFunction`. WeChat attaches the caller's identity, so
 * there is no token here. The H5 build resolves `transport.h5.ts` instead (Taro picks the file
 * by platform suffix); nothing else in the app knows which one it got.
 */
import Taro from '@tarojs/taro'
import type { FunctionEvent } from '../../types/contract'
import { ApiError } from './errors'
import { DeliveryFailure, withRetries } from './retry'

let initialized = false

function ensureCloud(): void {
  if (initialized) return
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  initialized = true
}

/** `-504002`: the function itself threw; resending would not help. */
const FUNCTION_CRASHED = -504002

export function send(fn: string, event: FunctionEvent, opts: { retries: number }): Promise<unknown> {
  ensureCloud()
  return withRetries(async () => {
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: event as unknown as Record<string, unknown> })
      return res.result
    } catch (e) {
      const err = e as { errCode?: number; errMsg?: string }
      if (err?.errCode === FUNCTION_CRASHED) {
        console.error(`[transport] ${fn} crashed`, err.errMsg)
        throw new ApiError('INTERNAL', '服务暂时不可用，请稍后再试')
      }
      throw new DeliveryFailure(err?.errMsg || String(e))
    }
  }, opts.retries)
}
