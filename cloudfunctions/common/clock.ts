/**
 * Business time is China Standard Time whatever the server's TZ (cloud functions run in UTC).
 * Tests move the clock with setNow().
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

export const BUSINESS_TZ = 'Asia/Shanghai'

let fixed: Date | undefined

export function setNow(at: Date | string | undefined): void {
  fixed = at === undefined ? undefined : new Date(at)
}

export function now(): Date {
  return fixed ? new Date(fixed.getTime()) : new Date()
}

/** The given instant (default now) as a dayjs in Asia/Shanghai. */
export function local(at?: Date | string | number): Dayjs {
  return dayjs(at ?? now()).tz(BUSINESS_TZ)
}

/** Parses a wall-clock time in Asia/Shanghai, e.g. localTime('2026-11-23 08:00'). */
export function localTime(wallClock: string): Dayjs {
  return dayjs.tz(wallClock, BUSINESS_TZ)
}

export function today(): string {
  return local().format('YYYY-MM-DD')
}

export function iso(at: Date = now()): string {
  return at.toISOString()
}

/** Whole years between a YYYY-MM-DD birth date and today in Asia/Shanghai. */
export function ageOn(birthDate: string, on: Dayjs = local()): number {
  const b = localTime(`${birthDate} 00:00`)
  let age = on.year() - b.year()
  if (on.month() < b.month() || (on.month() === b.month() && on.date() < b.date())) age--
  return age
}
