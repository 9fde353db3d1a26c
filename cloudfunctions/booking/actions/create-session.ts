import type { SessionInput } from '../../../types/booking'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { SCHEDULES, type ScheduleDoc } from '../docs'
import { checkNoOverlap, doctorPlace, DUPLICATE_SESSION, futureDateOnly, sessionFields } from '../sessions'
import { scheduleView } from '../views'
import { scheduleById } from '../reads'
import { requestDocId } from '../../common/request-key'

/** A new session as a draft: patients see it only once it is published. */
export async function createSession(input: SessionInput, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const id = requestDocId('sc', accountId, ctx.requestId)
  const earlier = id ? await scheduleById(id) : undefined
  if (earlier && earlier.createdBy === accountId) return scheduleView(earlier, iso())
  futureDateOnly(input.date)
  const place = await doctorPlace(input.doctorId)
  await checkNoOverlap(place.doctor.name, input)
  const at = iso()
  const doc: Omit<ScheduleDoc, '_id'> = {
    ...sessionFields(input, place),
    status: 'draft',
    releaseAt: '',
    cutoffAt: '',
    closeReason: '',
    createdBy: accountId,
    createdAt: at,
    updatedAt: at
  }
  try {
    const added = await db()
      .collection(SCHEDULES)
      .add(id ? { ...doc, _id: id } : doc)
    const view = scheduleView({ ...doc, _id: added.id as string }, at)
    await ctx.audit({ target: `schedule:${view.id}`, detail: { doctorId: input.doctorId, date: input.date, start: input.start } })
    return view
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', DUPLICATE_SESSION)
    throw err
  }
}
