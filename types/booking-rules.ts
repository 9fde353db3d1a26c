/**
 * Pure rules of specialist booking (DOMAIN.md §1): time slices and quotas, the release and cutoff
 * instants, queue numbers, the no-show ban and the three-day return visit. Plain values in, plain
 * values out; shared by the functions and the app.
 *
 * Business time is China Standard Time. China has kept +08:00 all year since 1991, so a wall-clock
 * time in Asia/Shanghai is an exact instant with a fixed offset; that keeps these rules independent
 * of the server's TZ and of Intl time zone data (which the mini program runtime lacks).
 */
import { chinaInstant, chinaWallClock } from './china-time'

export interface BookingRules {
  releaseTime: string
  releaseDaysAhead: number
  cutoffTime: string
  cutoffDaysBefore: number
  maxActivePerPatient: number
  noShowLimit: number
  noShowWindowDays: number
  noShowBanDays: number
  returnVisitDays: number
}

const DAY_MS = 24 * 3600_000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

// ---------------------------------------------------------------- dates and wall-clock times

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

export function isTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
}

/** Minutes since midnight of HH:mm. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** YYYY-MM-DD moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

// China time has one home; re-exported so that the rules' callers keep their imports.
export { chinaInstant, chinaWallClock } from './china-time'

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** The Monday of the week holding `date`. */
export function weekStartOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7))
}

export function weekDates(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_unused, i) => addDays(weekStart, i))
}

/** 11月23日 周一 */
export function dateLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${WEEKDAYS[weekdayOf(date)]}`
}

/** 11月23日（周一）19:00, for an instant. */
export function instantLabel(instant: string): string {
  const { date, time } = chinaWallClock(instant)
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（${WEEKDAYS[weekdayOf(date)]}）${time}`
}

export function feeLabel(fen: number): string {
  return fen % 100 === 0 ? `${fen / 100}元` : `${(fen / 100).toFixed(2)}元`
}

// ---------------------------------------------------------------- sessions and slices

export const SESSION_DEFAULT_RANGES = {
  am: { start: '08:00', end: '12:00' },
  pm: { start: '14:00', end: '17:30' },
  evening: { start: '18:00', end: '21:00' }
} as const

export interface SliceInput {
  start: string
  end: string
  quota: number
}

export const MAX_SLICES = 24
export const MAX_QUOTA_PER_SLICE = 99

/** Even slices of `minutes` across [start, end), each with `quota` places; a short tail slice is kept. */
export function makeSlices(start: string, end: string, minutes: number, quota: number): SliceInput[] {
  const out: SliceInput[] = []
  const last = minutesOf(end)
  for (let m = minutesOf(start); m < last && out.length < MAX_SLICES; m += minutes) {
    out.push({ start: timeOf(m), end: timeOf(Math.min(m + minutes, last)), quota })
  }
  return out
}

/**
 * What is wrong with a session's range and slices, in Chinese, keyed by field ('end', 'slices',
 * 'slices.2.end'...); empty when it may be saved.
 */
export function sessionProblems(s: { start: string; end: string; slices: SliceInput[] }): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!isTime(s.start) || !isTime(s.end)) return problems // the schema names malformed times
  const from = minutesOf(s.start)
  const to = minutesOf(s.end)
  if (to <= from) problems.end = '结束时间应晚于开始时间'
  if (s.slices.length === 0) problems.slices = '请至少设置一个时段'
  if (s.slices.length > MAX_SLICES) problems.slices = `最多设置${MAX_SLICES}个时段`
  let previousEnd = from
  s.slices.forEach((slice, i) => {
    if (!isTime(slice.start) || !isTime(slice.end)) return
    const a = minutesOf(slice.start)
    const b = minutesOf(slice.end)
    if (b <= a) problems[`slices.${i}.end`] ??= `第${i + 1}个时段的结束时间应晚于开始时间`
    else if (a < from || b > to)
      problems[`slices.${i}.start`] ??= `第${i + 1}个时段（${slice.start}-${slice.end}）超出了出诊时间${s.start}-${s.end}`
    else if (a < previousEnd) problems[`slices.${i}.start`] ??= `第${i + 1}个时段与上一个时段重叠`
    previousEnd = Math.max(previousEnd, b)
  })
  return problems
}

/** Two ranges on the same day overlap (touching ends do not). */
export function rangesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end)
}

export interface SliceState {
  quota: number
  remaining: number
  /** Bookings ever made in this slice: only grows, so queue numbers are never reused. */
  taken: number
}

/**
 * The queue number (就诊序号) of the booking that just made `slices[i].taken` what it is.
 * Within its quota a slice numbers from the end of the slices before it (08:00 × 5 → 1-5,
 * 08:30 × 5 → 6-10). A place that was cancelled and booked again goes past the quota; those
 * bookings are numbered after every quota, in arrival order across the session: each booking
 * raises exactly one `taken`, so the count of such bookings is unique to the one that made it.
 */
export function queueNumber(slices: readonly SliceState[], i: number): number {
  const slice = slices[i]
  if (slice.taken <= slice.quota) return slices.slice(0, i).reduce((n, s) => n + s.quota, 0) + slice.taken
  const total = slices.reduce((n, s) => n + s.quota, 0)
  const beyond = slices.reduce((n, s) => n + Math.max(0, s.taken - s.quota), 0)
  return total + beyond
}

export function totalRemaining(slices: readonly { remaining: number }[]): number {
  return slices.reduce((n, s) => n + s.remaining, 0)
}

// ---------------------------------------------------------------- release and cutoff

/** A session on `date` opens for booking at the release time, `releaseDaysAhead` days before. */
export function releaseAt(date: string, rules: Pick<BookingRules, 'releaseTime' | 'releaseDaysAhead'>): string {
  return chinaInstant(addDays(date, -rules.releaseDaysAhead), rules.releaseTime)
}

/**
 * Booking (and cancelling by the patient) stops at the cutoff time `cutoffDaysBefore` days before
 * the session, and never later than the session's start.
 */
export function cutoffAt(date: string, start: string, rules: Pick<BookingRules, 'cutoffTime' | 'cutoffDaysBefore'>): string {
  const cutoff = chinaInstant(addDays(date, -rules.cutoffDaysBefore), rules.cutoffTime)
  const starts = chinaInstant(date, start)
  return cutoff < starts ? cutoff : starts
}

export type BookingWindow = 'not_yet' | 'open' | 'cutoff'

export function bookingWindow(nowIso: string, window: { releaseAt: string; cutoffAt: string }): BookingWindow {
  if (nowIso < window.releaseAt) return 'not_yet'
  if (nowIso >= window.cutoffAt) return 'cutoff'
  return 'open'
}

export function windowText(state: BookingWindow, window: { releaseAt: string; cutoffAt: string }): string {
  if (state === 'not_yet') return `将于${instantLabel(window.releaseAt)}开放预约`
  if (state === 'cutoff') return `已于${instantLabel(window.cutoffAt)}停止预约`
  return `可预约，${instantLabel(window.cutoffAt)}截止`
}

/** Whether the patient may still cancel, and if not, the sentence the button shows. */
export function cancelCheck(nowIso: string, cutoff: string): { allowed: boolean; reason: string } {
  if (nowIso < cutoff) return { allowed: true, reason: `${instantLabel(cutoff)}前可取消` }
  return { allowed: false, reason: `已过取消截止时间（${instantLabel(cutoff)}），如不能就诊请致电医院` }
}

/** Check-in (签到) is on the day of the session, until it ends. */
export function checkInCheck(nowIso: string, session: { date: string; end: string }): { allowed: boolean; reason: string } {
  if (nowIso >= chinaInstant(session.date, session.end)) return { allowed: false, reason: '本场出诊已结束，不能再签到' }
  if (chinaWallClock(nowIso).date < session.date) return { allowed: false, reason: `就诊当天（${dateLabel(session.date)}）才能签到` }
  return { allowed: true, reason: '请到诊区后签到' }
}

/** The session has ended: a booking nobody checked in for is a no-show from this instant. */
export function sessionEndsAt(session: { date: string; end: string }): string {
  return chinaInstant(session.date, session.end)
}

// ---------------------------------------------------------------- no-shows

/**
 * Records a no-show at `at` and decides the ban: `noShowLimit` no-shows within `noShowWindowDays`
 * (counted back from the latest) block booking for `noShowBanDays` from the latest. Only no-shows
 * still inside the window are kept. The order in which no-shows are recorded does not matter.
 */
export function applyNoShow(
  noShows: readonly string[],
  at: string,
  rules: Pick<BookingRules, 'noShowLimit' | 'noShowWindowDays' | 'noShowBanDays'>
): { noShows: string[]; bannedUntil: string } {
  const all = [...noShows, at].sort()
  const latest = Date.parse(all[all.length - 1])
  const windowStart = new Date(latest - rules.noShowWindowDays * DAY_MS).toISOString()
  const kept = all.filter((t) => t > windowStart)
  const bannedUntil = kept.length >= rules.noShowLimit ? new Date(latest + rules.noShowBanDays * DAY_MS).toISOString() : ''
  return { noShows: kept, bannedUntil }
}

export function isBanned(bannedUntil: string, nowIso: string): boolean {
  return bannedUntil !== '' && bannedUntil > nowIso
}

export function banText(ban: { until: string; reason: string }): string {
  const { date } = chinaWallClock(ban.until)
  return `${ban.reason}，${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日前不能预约挂号`
}

export function noShowBanReason(rules: Pick<BookingRules, 'noShowLimit' | 'noShowWindowDays'>): string {
  return `${rules.noShowWindowDays}天内${rules.noShowLimit}次预约未就诊（爽约）`
}

// ---------------------------------------------------------------- return visit and what to bring

/** 三天有效: the last date a completed visit on `visitDate` gives a free return visit. */
export function returnVisitUntil(visitDate: string, days: number): string {
  return addDays(visitDate, days)
}

export function returnVisitOpen(visitDate: string, today: string, days: number): boolean {
  return days > 0 && today >= visitDate && today <= returnVisitUntil(visitDate, days)
}

export function whatToBring(opts: { isReturn: boolean }): string[] {
  const list = ['本人身份证或医保卡（电子医保凭证亦可）', '既往病历、近期检查检验报告和正在服用的药物清单']
  if (opts.isReturn) list.push('上次就诊开具的检查检验单，复诊免挂号费')
  list.push('请提前20分钟到达，在诊区签到后候诊')
  return list
}

/** What the booking rules need to know of a patient: their booking state, as plain values. */
export interface PatientStanding {
  name: string
  bannedUntil: string
  banReason: string
  activeCount: number
  activeSchedules: readonly string[]
}

export type Ineligible = { reason: 'banned' | 'same_session' | 'active_limit'; code: 'FORBIDDEN' | 'CONFLICT'; message: string }

/**
 * The one eligibility rule for taking a place in a session, by booking (`book`), by joining its
 * waitlist (`wait`) or by promotion from it: not while banned, not twice in one session, not past
 * the active limit. `undefined` standing is a patient who never booked: eligible. Returns the
 * refusal the person sees, or null.
 */
export function bookingRefusal(
  p: PatientStanding | undefined,
  scheduleId: string,
  rules: Pick<BookingRules, 'maxActivePerPatient'>,
  nowIso: string,
  purpose: 'book' | 'wait' = 'book'
): Ineligible | null {
  if (!p) return null
  if (isBanned(p.bannedUntil, nowIso)) {
    return { reason: 'banned', code: 'FORBIDDEN', message: banText({ until: p.bannedUntil, reason: p.banReason }) }
  }
  if (p.activeSchedules.includes(scheduleId)) {
    const message = purpose === 'wait' ? `${p.name}已预约本场，不需要候补` : `${p.name}已预约本场，同一场出诊只能预约一次`
    return { reason: 'same_session', code: 'CONFLICT', message }
  }
  if (p.activeCount >= rules.maxActivePerPatient) {
    const message =
      purpose === 'wait'
        ? `${p.name}已有${rules.maxActivePerPatient}个待就诊的预约，不能再候补`
        : `${p.name}已有${rules.maxActivePerPatient}个待就诊的预约，就诊或取消其中一个后才能再预约`
    return { reason: 'active_limit', code: 'CONFLICT', message }
  }
  return null
}
