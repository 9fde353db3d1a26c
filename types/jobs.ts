/**
 * The `jobs` function: timer-only actions (CloudBase timer triggers, `system` caller). Each is
 * listed with its cron in `cloudfunctions/registry.ts` and `cloudbaserc.json`.
 */
import { z } from 'zod'
import { action, emptyInput } from './contract'

const counts = z.record(z.number().int())

const timer = () => action({ input: emptyInput, output: counts })({ roles: ['system'], requestId: false, example: () => ({}) })

export const jobsActions = {
  /** After a session ends: unchecked bookings become no-shows (and may ban), check-ins become visits. */
  markNoShows: timer(),
  /** The day before a visit: one reminder per appointment. */
  remindDayBefore: timer(),
  /** Sends pending outbox messages as WeChat subscribe messages where a template is configured. */
  deliverOutbox: timer()
} as const
