/** Every deployable cloud function, by name. The local host, the build and the tests read this. */
import type { CloudFunction } from './common/router'
import { fn as account } from './account/index'
import { fn as booking } from './booking/index'
import { fn as jobs } from './jobs/index'
import { fn as decoction } from './decoction/index'
import { fn as records } from './records/index'

export const cloudFunctions: Record<string, CloudFunction> = {
  account,
  booking,
  jobs,
  decoction,
  records
}

/** Timer triggers, in CloudBase's 7-field cron (second minute hour day month weekday year), Asia/Shanghai. */
export interface TimerTrigger {
  fn: string
  /** The action the trigger runs: CloudBase passes it to main as TriggerName. */
  name: string
  cron: string
}

export const timerTriggers: TimerTrigger[] = [
  // Every 15 minutes: no-shows after a session ends (and the ban), visits completed, waitlists ended.
  { fn: 'jobs', name: 'markNoShows', cron: '0 */15 * * * * *' },
  // Hourly 08:00-21:00: the day-before reminder (one per appointment, whenever it was booked).
  { fn: 'jobs', name: 'remindDayBefore', cron: '0 0 8-21 * * * *' },
  // Every minute: send what the outbox holds.
  { fn: 'jobs', name: 'deliverOutbox', cron: '0 * * * * * *' },
  // Daily 07:30: quarterly follow-ups for programme members, and "follow-up due" notices.
  { fn: 'records', name: 'dailyFollowUps', cron: '0 30 7 * * * *' }
]
