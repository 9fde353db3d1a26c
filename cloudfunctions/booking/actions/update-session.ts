import type { SessionInput } from '../../../types/booking'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { SCHEDULES } from '../docs'
import { scheduleById } from '../reads'
import { checkNoOverlap, doctorPlace, DUPLICATE_SESSION, futureDateOnly, sessionFields } from '../sessions'
import { scheduleView } from '../views'

const PUBLISHED = '已发布的出诊不能修改；如需调整，请停诊后重新安排'

/** Drafts only: once published, patients may hold places in its slices. */
export async function updateSession(input: SessionInput & { id: string }, ctx: ActionContext) {
  ctx.user()
  const current = await scheduleById(input.id)
  if (!current) throw new AppError('NOT_FOUND', '没有找到这场出诊')
  if (current.status !== 'draft') throw new AppError('CONFLICT', PUBLISHED)
  futureDateOnly(input.date)
  const place = await doctorPlace(input.doctorId)
  await checkNoOverlap(place.doctor.name, input, current._id)
  const changes = { ...sessionFields(input, place), updatedAt: iso() }
  try {
    const res = await db().collection(SCHEDULES).where({ _id: current._id, status: 'draft' }).update(changes)
    if (!res.updated) throw new AppError('CONFLICT', PUBLISHED)
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', DUPLICATE_SESSION)
    throw err
  }
  return scheduleView({ ...current, ...changes }, changes.updatedAt)
}
