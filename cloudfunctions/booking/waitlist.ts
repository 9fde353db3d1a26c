/** The waitlist (候补) in line order; promotion and every other ticket move are in moves.ts. */
import { collection } from '../common/typed'
import { WAITLIST, type WaitDoc } from './docs'

export const BOOKING_PAGE = '/packages/booking/appointment/index'

/** Who waits on a session, first in line first (joined at the same instant: by id). */
export async function waitingFor(scheduleId: string, limit = 1000): Promise<WaitDoc[]> {
  const res = await collection<WaitDoc>(WAITLIST)
    .where({ scheduleId, status: 'waiting' })
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get()
  return res.data
}

/** 1-based place in line of a waiting ticket. */
export async function positionOf(w: WaitDoc): Promise<number> {
  return (await waitingFor(w.scheduleId)).findIndex((x) => x._id === w._id) + 1
}
