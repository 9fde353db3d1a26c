import { addDays, rangesOverlap, weekDates, weekStartOf } from '../../../types/booking-rules'
import { iso, today } from '../../common/clock'
import { db } from '../../common/db'
import { isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { uniqueKeyOf } from '../sessions'
import { collection } from '../../common/typed'

/**
 * Copies a week's sessions (not the closed ones) to the week after, as drafts with fresh quotas.
 * A session that would clash with one already there, or fall on a past day, is skipped.
 */
export async function copyWeek(input: { fromWeekStart: string; doctorId?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const from = weekDates(weekStartOf(input.fromWeekStart))
  const to = weekDates(addDays(from[0], 7))
  const _ = db().command
  const inWeek = (dates: string[]) => {
    const where: Record<string, unknown> = { date: _.gte(dates[0]).and(_.lte(dates[6])) }
    if (input.doctorId) where.doctorId = input.doctorId
    return collection<ScheduleDoc>(SCHEDULES).where(where).limit(1000).get()
  }
  const [source, target] = await Promise.all([inWeek(from), inWeek(to)])
  const existing = target.data.filter((s) => s.status !== 'closed')
  const first = today()
  const at = iso()
  let created = 0
  let skipped = 0
  for (const s of source.data.filter((x) => x.status !== 'closed')) {
    const date = addDays(s.date, 7)
    const clash = existing.some((o) => o.doctorId === s.doctorId && o.date === date && rangesOverlap(o, s))
    if (date <= first || clash) {
      skipped++
      continue
    }
    const { _id: _id, publishedAt: _p, closedAt: _c, closedBy: _b, ...rest } = s
    const copy: Omit<ScheduleDoc, '_id'> = {
      ...rest,
      uniqueKey: uniqueKeyOf(s.doctorId, date, s.start),
      date,
      status: 'draft',
      releaseAt: '',
      cutoffAt: '',
      closeReason: '',
      slices: s.slices.map((x) => ({ ...x, remaining: x.quota, taken: 0 })),
      createdBy: accountId,
      createdAt: at,
      updatedAt: at
    }
    try {
      await collection<ScheduleDoc>(SCHEDULES).add(copy)
      created++
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err
      skipped++
    }
  }
  return { weekStart: to[0], created, skipped }
}
