/**
 * Pure rules of decoction orders, shared by the function (which enforces them) and the pharmacy
 * console (which shows the same checks before a step is sent). Plain values in, plain values out.
 */
import type { Delivery, OrderStatus, TimedHandling } from './decoction'
import type { Handling } from './decoction-herbs'
import { chinaInstant, chinaWallClock, formatChina } from './china-time'

const MINUTE = 60_000
/** A step's start time may be a little ahead of the server's clock (phones drift), never hours. */
export const START_TIME_SKEW_MINUTES = 5
/** A start time earlier than this is a typo (yesterday's date), not a late entry. */
export const START_TIME_MAX_AGE_HOURS = 12

/** Minutes soaked so far and whether that is past the hospital's soaking time. */
export function soakingState(startedAt: string, now: Date, soakingMinutes: number): { minutes: number; overdue: boolean } {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(startedAt)) / MINUTE))
  return { minutes, overdue: minutes > soakingMinutes }
}

/** The ISO time before which a soaking order is overdue (for the indexed overdue count). */
export function overdueBefore(now: Date, soakingMinutes: number): string {
  return new Date(now.getTime() - soakingMinutes * MINUTE).toISOString()
}

/** Chinese reason a recorded start time cannot be right, or null. */
export function startTimeProblem(startedAt: string, now: Date): string | null {
  const at = Date.parse(startedAt)
  if (Number.isNaN(at)) return '开始时间格式不正确'
  if (at > now.getTime() + START_TIME_SKEW_MINUTES * MINUTE) return '开始时间不能晚于现在'
  if (at < now.getTime() - START_TIME_MAX_AGE_HOURS * 60 * MINUTE) return `开始时间不能早于${START_TIME_MAX_AGE_HOURS}小时前，请核对`
  return null
}

/** Minutes since the epoch: a pharmacist enters times to the minute, the server records seconds. */
const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / MINUTE)

/**
 * Chinese reason a soak or decoct start time cannot have happened as entered, or null: soaking
 * cannot start before dispensing began, nor decocting before the soak's set time has passed.
 * The pharmacy may still record it with a reason (a late entry, a doctor's instruction); decocting
 * before soaking began is never possible and is checked apart.
 */
export function stepTimeProblem(
  step: { to: 'soaking'; startedAt: string; dispensingAt: string } | { to: 'decocting'; startedAt: string; soakStartedAt?: string },
  soakingMinutes: number
): string | null {
  if (step.to === 'soaking') {
    if (minuteOf(step.startedAt) >= minuteOf(step.dispensingAt)) return null
    return `浸泡开始时间${formatCst(step.startedAt, false).slice(6)}早于配药开始时间${formatCst(step.dispensingAt, false).slice(6)}，请核对；如确实如此，请填写原因`
  }
  if (!step.soakStartedAt) return null
  const soakedUntil = minuteOf(step.soakStartedAt) + soakingMinutes
  const at = minuteOf(step.startedAt)
  if (at >= soakedUntil) return null
  return `浸泡${formatCst(step.soakStartedAt, false).slice(6)}开始，到煎煮开始只有${at - minuteOf(step.soakStartedAt)}分钟，未满${soakingMinutes}分钟，请核对；如确需提前，请填写原因`
}

export function expectedPacks(doses: number, packsPerDose: number): number {
  return doses * packsPerDose
}

export function packCountProblem(packCount: number, doses: number, packsPerDose: number): string | null {
  const expected = expectedPacks(doses, packsPerDose)
  if (packCount === expected) return null
  return `处方${doses}剂、每剂${packsPerDose}袋，应包装${expected}袋，实际填写${packCount}袋，请核对`
}

/** The 先煎/后下 groups a prescription needs recorded when decocting starts. */
export function timedHandlingsOf(herbs: ReadonlyArray<{ handling: Handling | null }>): TimedHandling[] {
  const present = new Set(herbs.map((h) => h.handling))
  return (['先煎', '后下'] as const).filter((h) => present.has(h))
}

/** Each 先煎/后下 in the prescription recorded exactly once, and nothing else. */
export function decoctStepsProblem(
  herbs: ReadonlyArray<{ handling: Handling | null }>,
  steps: ReadonlyArray<{ handling: TimedHandling }>
): string | null {
  const needed = timedHandlingsOf(herbs)
  const given = steps.map((s) => s.handling)
  for (const h of given) {
    if (!needed.includes(h)) return `处方中没有需要${h}的药，不用记录${h}`
    if (given.filter((g) => g === h).length > 1) return `${h}只需记录一次`
  }
  const missing = needed.filter((h) => !given.includes(h))
  if (missing.length) return `处方中有需要${missing.join('、')}的药，请记录${missing.join('、')}的时间`
  return null
}

/** Courier orders ship; pickup orders wait at the pharmacy. */
export function deliveryProblem(to: OrderStatus, delivery: Delivery): string | null {
  if (to === 'shipped' && delivery === 'pickup') return '该订单为到院自取，请选择「通知取药」'
  if (to === 'ready_for_pickup' && delivery === 'courier') return '该订单为快递到家，请选择「快递发货」'
  return null
}

export type SearchKind = 'orderNo' | 'phone' | 'name'

/** What a pharmacist typed in the search box: an order number, a phone number or a name. */
export function searchTerm(q: string): { kind: SearchKind; value: string } {
  const value = q.trim().replace(/\s+/g, '')
  if (/^1\d{10}$/.test(value)) return { kind: 'phone', value }
  if (/^[A-Za-z]{1,2}\d{6,}$/.test(value)) return { kind: 'orderNo', value: value.toUpperCase() }
  return { kind: 'name', value }
}

/** The exact values an order is found by (one multikey index serves all three kinds of search). */
export function searchKeysOf(order: {
  orderNo: string
  patientName: string
  patientPhone: string
  contactName: string
  contactPhone: string
}): string[] {
  return Array.from(new Set([order.orderNo, order.patientName, order.patientPhone, order.contactName, order.contactPhone]))
}

/** D + business day + 4-digit sequence of that day: D202611230007. */
export function orderNumber(day: string, seq: number): string {
  return `D${day.replace(/-/g, '')}${String(seq).padStart(4, '0')}`
}

export function prescriptionNumber(day: string, seq: number): string {
  return `RX${day.replace(/-/g, '')}${String(seq).padStart(4, '0')}`
}

/**
 * The unique key that allows one live order per prescription: the prescription id while the order
 * holds it, a key of its own once it is cancelled or rejected.
 */
export function holdKey(prescriptionId: string): string {
  return `rx:${prescriptionId}`
}

export function releasedKey(orderId: string): string {
  return `released:${orderId}`
}

/** 2026-11-23 08:05 in China Standard Time (no daylight saving: a fixed +08:00), whatever the device's zone. */
export function formatCst(isoTime: string, withYear = true): string {
  return formatChina(isoTime, withYear)
}

/** 'HH:mm' on the China-time day of `now`, as an ISO instant (what a pharmacist types for "started at"). */
export function cstClockToIso(hhmm: string, now: Date): string | null {
  const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(hhmm.trim())
  if (!m) return null
  return chinaInstant(chinaWallClock(now).date, `${m[1].padStart(2, '0')}:${m[2]}`)
}
