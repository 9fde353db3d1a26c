/** Places in a session's time slices: taken by one conditional update, given back on failure. */
import { bookingWindow, totalRemaining, windowText } from '../../types/booking-rules'
import { db } from '../common/db'
import { AppError } from '../common/errors'
import { SCHEDULES, type ScheduleDoc } from './docs'
import { scheduleById } from './reads'
import { collection } from '../common/typed'

/**
 * Step 3 of a booking: takes one place in slice `i` if the session is published, released, before
 * its cutoff and the slice has a place left. The returned document's `taken` numbers the booking.
 */
export async function holdPlace(scheduleId: string, i: number, sliceId: string, nowIso: string): Promise<ScheduleDoc | undefined> {
  const _ = db().command
  const res = await collection<ScheduleDoc>(SCHEDULES)
    .where({
      _id: scheduleId,
      status: 'published',
      releaseAt: _.lte(nowIso),
      cutoffAt: _.gt(nowIso),
      [`slices.${i}.id`]: sliceId,
      [`slices.${i}.remaining`]: _.gt(0)
    })
    .updateAndReturn({ [`slices.${i}.remaining`]: _.inc(-1), [`slices.${i}.taken`]: _.inc(1), heldAt: nowIso })
  return res.updated ? res.doc : undefined
}

/** Gives a place back (its queue number is not reused: `taken` stays). */
export async function returnPlace(scheduleId: string, i: number): Promise<void> {
  const _ = db().command
  await collection<ScheduleDoc>(SCHEDULES)
    .doc(scheduleId)
    .update({ [`slices.${i}.remaining`]: _.inc(1) })
}

/**
 * Slices this instance recently saw refuse a booking (full, not yet released, past the cutoff,
 * closed). At release time hundreds of callers arrive for a handful of places: once a slice is
 * known to refuse, a caller first reads the session (and their own state) instead of taking and
 * giving back holds. A hint is only a reason to look first; the answer always comes from the read,
 * so a stale hint costs one read and never a wrong answer.
 */
const refused = new Map<string, number>()
const HINT_MS = 5_000

export function noteRefused(scheduleId: string, i: number): void {
  if (refused.size > 10_000) refused.clear()
  refused.set(`${scheduleId}:${i}`, Date.now())
}

export function forgetRefused(scheduleId: string, i: number): void {
  refused.delete(`${scheduleId}:${i}`)
}

export function seenRefused(scheduleId: string, i: number): boolean {
  const at = refused.get(`${scheduleId}:${i}`)
  return at !== undefined && Date.now() - at < HINT_MS
}

/**
 * Turns per slice: at most this many bookings of one slice take holds at once in this instance, and
 * the rest wait in arrival order. At release time a few hundred callers arrive together for ten
 * places; without turns every one of them would hold the patient, fail to find a place and give the
 * hold back (two writes each) before the first of them could learn the slice is full. With turns,
 * the first few book, and those waiting find the slice marked refusing when their turn comes and
 * answer from reads. Nothing is decided here: it only orders who tries when.
 */
const TURNS_PER_SLICE = 4
const turns = new Map<string, { active: number; waiting: Array<() => void> }>()

/** Waits for a turn at slice `i`; resolves with the function that ends it (call it exactly once). */
export async function sliceTurn(scheduleId: string, i: number): Promise<() => void> {
  const key = `${scheduleId}:${i}`
  let line = turns.get(key)
  if (!line) {
    line = { active: 0, waiting: [] }
    turns.set(key, line)
  }
  const mine = line
  if (mine.active < TURNS_PER_SLICE) mine.active++
  else await new Promise<void>((resolve) => mine.waiting.push(resolve))
  let ended = false
  return () => {
    if (ended) return
    ended = true
    const next = mine.waiting.shift()
    if (next) next()
    else if (--mine.active === 0) turns.delete(key)
  }
}

export const FULL_SESSION = '本场号源已约满，可以加入候补：有人退号时按排队顺序自动为您预约'

/** Why a session cannot be booked now regardless of places (missing, draft, closed, outside its window). */
export function sessionProblem(s: ScheduleDoc | undefined, nowIso: string): AppError | undefined {
  if (!s || s.status === 'draft') return new AppError('NOT_FOUND', '没有找到这场出诊')
  if (s.status === 'closed') return new AppError('CONFLICT', `该出诊已停诊：${s.closeReason}`)
  const state = bookingWindow(nowIso, s)
  if (state !== 'open') return new AppError('OUTSIDE_WINDOW', windowText(state, s))
  return undefined
}

/** Why slice `i` of `s` cannot be booked now; undefined when it has a place. */
export function placeProblem(s: ScheduleDoc | undefined, i: number, sliceId: string, nowIso: string): AppError | undefined {
  const problem = sessionProblem(s, nowIso)
  if (problem || !s) return problem
  const slice = s.slices[i]
  if (!slice || slice.id !== sliceId) return new AppError('INVALID_INPUT', '没有这个就诊时段', { sliceId: '没有这个就诊时段' })
  if (slice.remaining > 0) return undefined
  if (totalRemaining(s.slices) === 0) return new AppError('SLOT_FULL', FULL_SESSION)
  return new AppError('SLOT_FULL', `${slice.start}-${slice.end}时段已约满，请选择其他时段`)
}

/** Why no place could be taken; undefined when the slice has places again (worth one more try). */
export async function explainPlace(scheduleId: string, i: number, sliceId: string, nowIso: string): Promise<AppError | undefined> {
  return placeProblem(await scheduleById(scheduleId), i, sliceId, nowIso)
}
