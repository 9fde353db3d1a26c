/** Every deployable cloud function, by name. The local host, the build and the tests read this. */
import type { CloudFunction } from './common/router'
import { fn as account } from './account/index'

export const cloudFunctions: Record<string, CloudFunction> = {
  account
}

/** Timer triggers, in CloudBase's 7-field cron (second minute hour day month weekday year), Asia/Shanghai. */
export interface TimerTrigger {
  fn: string
  /** The action the trigger runs: CloudBase passes it to main as TriggerName. */
  name: string
  cron: string
}

export const timerTriggers: TimerTrigger[] = []
