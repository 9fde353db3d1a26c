/**
 * Business time is China Standard Time whatever the server's TZ (cloud functions run in UTC),
 * computed by types/china-time (a fixed UTC+8, no Intl). Tests move the clock with setNow().
 */
import { type Dayjs } from 'dayjs'
import { CHINA_TZ, chinaDate, chinaDayjs, chinaInstant } from '../../types/china-time'

/** For cron schedules (the local timer runner), which name a zone. */
export const BUSINESS_TZ = CHINA_TZ

let fixed: Date | undefined

export function setNow(at: Date | string | undefined): void {
  fixed = at === undefined ? undefined : new Date(at)
}

export function now(): Date {
  return fixed ? new Date(fixed.getTime()) : new Date()
}

/** The given instant (default now) as a dayjs in Asia/Shanghai. */
export function local(at?: Date | string | number): Dayjs {
  return chinaDayjs(at ?? now())
}

/** Parses a wall-clock time in Asia/Shanghai, e.g. localTime('2026-11-23 08:00'). */
export function localTime(wallClock: string): Dayjs {
  const [date, time] = wallClock.trim().split(/\s+/)
  return chinaDayjs(chinaInstant(date, time))
}

export function today(): string {
  return chinaDate(now())
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
