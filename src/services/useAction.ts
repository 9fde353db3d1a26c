import { useCallback, useRef, useState } from 'react'
import { toast, toastError } from '../components/feedback'
import { ApiError } from './errors'
import { newRequestId } from './requestId'

export interface ActionOptions<I, R> {
  /** The toast after success; a function may read the reply. Nothing is shown when it gives ''. */
  success?: string | ((result: R, input: I) => string)
  /**
   * How a failure is shown: 'toast' (the default) or 'inline', when the page shows `error` itself
   * (a refusal that needs a sentence and a way on, per-field errors beside a form).
   */
  showError?: 'toast' | 'inline'
}

export interface Action<I, R> {
  /** Runs the action for this input; resolves to the reply, or undefined after a failure already shown. */
  run(input: I): Promise<R | undefined>
  busy: boolean
  /** The last failure, cleared by the next run. */
  error: ApiError | undefined
  clearError(): void
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('INTERNAL', '出了点问题，请稍后重试')
}

/**
 * A mutating action as a person meets it: one tap at a time (a second tap while busy is ignored),
 * one requestId per intent, the success toast, the error shown.
 *
 * The requestId is kept only while the same input is retried after a lost reply (`NETWORK`), so the
 * function answers with its first reply instead of writing twice; a success, a refusal or a
 * different input starts a new intent with a new id.
 */
export function useAction<I, R>(perform: (input: I, requestId: string) => Promise<R>, options: ActionOptions<I, R> = {}): Action<I, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const intent = useRef<{ key: string; requestId: string } | null>(null)
  const running = useRef(false)
  const latest = useRef({ perform, options })
  latest.current = { perform, options }

  const run = useCallback(async (input: I): Promise<R | undefined> => {
    if (running.current) return undefined
    const key = JSON.stringify(input ?? null)
    if (!intent.current || intent.current.key !== key) intent.current = { key, requestId: newRequestId() }
    running.current = true
    setBusy(true)
    setError(undefined)
    const { perform: act, options: opts } = latest.current
    try {
      const result = await act(input, intent.current.requestId)
      intent.current = null
      const said = typeof opts.success === 'function' ? opts.success(result, input) : opts.success
      if (said) toast(said, 'success')
      return result
    } catch (e) {
      const failure = asApiError(e)
      if (failure.code !== 'NETWORK') intent.current = null
      setError(failure)
      if ((opts.showError ?? 'toast') === 'toast') toastError(failure)
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])

  const clearError = useCallback(() => setError(undefined), [])
  return { run, busy, error, clearError }
}
