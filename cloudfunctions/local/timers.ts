/**
 * Runs functions' timer triggers locally on the cron CloudBase would use (7 fields, the last one
 * the year, evaluated in Asia/Shanghai), calling the same `main` with a timer event.
 */
import { randomUUID } from 'node:crypto'
import cronParser from 'cron-parser'
import type { TimerTrigger } from '../registry'
import type { CloudFunction } from '../common/router'
import { BUSINESS_TZ } from '../common/clock'

export interface TimerRunner {
  stop(): void
  /** Runs one trigger now, as the scheduler would. */
  fire(name: string): Promise<unknown>
}

/** CloudBase cron has a trailing year field; cron-parser takes the first six. */
export function toSixFields(cron: string): string {
  const parts = cron.trim().split(/\s+/)
  if (parts.length === 7) return parts.slice(0, 6).join(' ')
  if (parts.length === 6) return cron
  throw new Error(`timer cron must have 6 or 7 fields: ${cron}`)
}

export function nextRun(cron: string, from: Date): Date {
  return cronParser.parseExpression(toSixFields(cron), { currentDate: from, tz: BUSINESS_TZ }).next().toDate()
}

/**
 * The context CloudBase passes a timer trigger invocation: TRIGGER_SRC=timer and no user. Only this
 * runner builds it; the host's HTTP routes never do, so no HTTP caller can pass for a trigger.
 */
export function timerContext(fnName: string): Record<string, unknown> {
  return { function_name: fnName, request_id: `timer-${randomUUID()}`, environment: JSON.stringify({ TRIGGER_SRC: 'timer' }) }
}

export function startTimers(triggers: TimerTrigger[], functions: Record<string, CloudFunction>, log = console): TimerRunner {
  const handles = new Map<string, NodeJS.Timeout>()
  let stopped = false

  const fire = async (t: TimerTrigger) => {
    const fn = functions[t.fn]
    if (!fn) throw new Error(`timer ${t.name}: no function ${t.fn}`)
    const result = await fn.main({ Type: 'Timer', TriggerName: t.name, Time: new Date().toISOString() }, timerContext(t.fn))
    if (!result.ok) log.error(`[timer] ${t.fn}/${t.name} failed: ${result.error.code} ${result.error.message}`)
    return result
  }

  const schedule = (t: TimerTrigger) => {
    if (stopped) return
    const wait = Math.max(0, nextRun(t.cron, new Date()).getTime() - Date.now())
    // setTimeout caps near 24.8 days; re-plan in steps for far-off runs.
    const step = Math.min(wait, 2 ** 31 - 1)
    handles.set(
      t.name,
      setTimeout(() => {
        if (step < wait) return schedule(t)
        fire(t)
          .catch((err) => log.error(`[timer] ${t.name}`, err))
          .finally(() => schedule(t))
      }, step)
    )
  }

  triggers.forEach(schedule)
  return {
    stop() {
      stopped = true
      handles.forEach((h) => clearTimeout(h))
      handles.clear()
    },
    fire(name) {
      const t = triggers.find((x) => x.name === name)
      if (!t) throw new Error(`no timer ${name}`)
      return fire(t)
    }
  }
}
