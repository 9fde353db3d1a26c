import { ApiError, NETWORK_MESSAGE } from './errors'

/** The request may not have reached the function, or its reply was lost: safe to resend only if idempotent. */
export class DeliveryFailure extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'DeliveryFailure'
  }
}

const BACKOFF_MS = [400, 1200, 2500]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Runs `attempt`, resending after a `DeliveryFailure` up to `retries` times; anything else is final. */
export async function withRetries<T>(attempt: () => Promise<T>, retries: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (e) {
      if (!(e instanceof DeliveryFailure)) throw e
      if (i >= retries) {
        console.warn('[transport] giving up:', e.message)
        throw new ApiError('NETWORK', NETWORK_MESSAGE)
      }
      await sleep(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)])
    }
  }
}
