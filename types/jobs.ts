/**
 * The `jobs` function: cross-cutting timer-only actions (CloudBase timer triggers, `system`
 * caller); a service's own timers are triggers of its own function. Each is listed with its cron in `cloudfunctions/registry.ts` and `cloudbaserc.json`.
 */
import { z } from 'zod'
import { action, emptyInput } from './contract'

const counts = z.record(z.number().int())

const timer = () => action({ input: emptyInput, output: counts })({ roles: ['system'], requestId: false, example: () => ({}) })

export const jobsActions = {
  /** Sends pending outbox messages as WeChat subscribe messages where a template is configured. */
  deliverOutbox: timer(),
  /** Finishes or undoes what a call killed mid-way left behind, and derives the counters again. */
  recover: timer()
} as const
