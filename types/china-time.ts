/**
 * China time, the one way the server, the pure rules and the app compute it.
 *
 * Business time is China Standard Time (Asia/Shanghai). China has kept UTC+8 all year since 1991,
 * so every conversion here is the fixed offset done by hand: no Intl, no dayjs timezone plugin.
 * That is exact for every date the product handles, independent of the server's TZ (cloud
 * functions run in UTC) and of the phone's zone, and it works where the mini program's Intl has
 * no time zone data (some Android WeChat clients: iamkun/dayjs#2635, NervJS/taro#16078), where
 * `.tz()` silently keeps the phone's own zone.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const CHINA_TZ = 'Asia/Shanghai'
export const CHINA_OFFSET_MINUTES = 8 * 60
const OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000

export type InstantLike = string | number | Date

function msOf(at: InstantLike): number {
  return typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime()
}

/** The China calendar date (YYYY-MM-DD) and wall-clock time (HH:mm) of an instant. */
export function chinaWallClock(at: InstantLike): { date: string; time: string } {
  const s = new Date(msOf(at) + OFFSET_MS).toISOString()
  return { date: s.slice(0, 10), time: s.slice(11, 16) }
}

/** The China calendar date (YYYY-MM-DD) of an instant: "today" when given now. */
export function chinaDate(at: InstantLike): string {
  return chinaWallClock(at).date
}

/** The instant of a wall-clock time in China (date YYYY-MM-DD, time HH:mm), as an ISO string. */
export function chinaInstant(date: string, hhmm = '00:00'): string {
  const [y, m, d] = date.split('-').map(Number)
  const [h, min] = hhmm.split(':').map(Number)
  return new Date(Date.UTC(y, m - 1, d, h, min) - OFFSET_MS).toISOString()
}

/** An instant as a dayjs on China's wall clock, whatever the device's zone or Intl. */
export function chinaDayjs(at: InstantLike): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)
}

/** 2026-11-23 08:05 (or 11-23 08:05 without the year) on China's wall clock; '' for no valid instant. */
export function formatChina(at: InstantLike, withYear = true): string {
  if (Number.isNaN(msOf(at))) return ''
  const { date, time } = chinaWallClock(at)
  return `${withYear ? date : date.slice(5)} ${time}`
}
