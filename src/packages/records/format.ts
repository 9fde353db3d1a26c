/**
 * Times as people in China read them. China has kept +08:00 all year since 1991; a fixed offset
 * avoids the time-zone data some WeChat clients lack (see account/messages/format.ts).
 */
const OFFSET_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

function wall(at: string | number | Date): Date | null {
  const ms = new Date(at).getTime()
  return Number.isFinite(ms) ? new Date(ms + OFFSET_MS) : null
}

/** 11月30日 07:30 (with the year when it is not this year). */
export function chinaClock(at: string, now: number = Date.now()): string {
  const d = wall(at)
  const n = wall(now)
  if (!d || !n) return ''
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return d.getUTCFullYear() === n.getUTCFullYear() ? md : `${d.getUTCFullYear()}年${md}`
}

/** 11月30日 */
export function chinaDay(at: string | number): string {
  const d = wall(at)
  return d ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日` : ''
}

/** A YYYY-MM-DD business date read aloud: 2027年3月1日. */
export function dateText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : day
}

/** The wall-clock date the person picked on their phone, as the YYYY-MM-DD the server takes. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The picked moment as the person saw it on the picker: 2026-11-30 07:30. */
export function localClock(d: Date): string {
  return `${localDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
