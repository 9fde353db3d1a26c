/** What 停诊 does to a session's bookings and waitlist. */
import { dateLabel } from '../../types/booking-rules'
import { iso } from '../common/clock'
import { db } from '../common/db'
import { AppError } from '../common/errors'
import { enqueue } from '../common/outbox'
import type { Actor } from '../common/transition'
import { APPOINTMENTS, WAITLIST, type AppointmentDoc, type ScheduleDoc, type WaitDoc } from './docs'
import { cancelAppointment, tellClosed } from './moves'

async function cancelBooked(s: ScheduleDoc, reason: string, actor: Actor): Promise<number> {
  const res = await db().collection(APPOINTMENTS).where({ scheduleId: s._id, status: 'booked' }).limit(1000).get()
  let n = 0
  for (const a of res.data as AppointmentDoc[]) {
    try {
      await cancelAppointment(a, { actor, by: 'hospital', reason })
    } catch (err) {
      // Cancelled or checked in by someone else meanwhile: nothing left to do for this one.
      if (err instanceof AppError && err.code === 'CONFLICT') continue
      throw err
    }
    await tellClosed(a, reason)
    n++
  }
  return n
}

/**
 * Cancels every booking on a closed session. A booking that took its place just before the close
 * may land its appointment a moment after the first sweep, so a second sweep follows.
 */
export async function cancelAllBookings(s: ScheduleDoc, reason: string, actor: Actor): Promise<number> {
  const first = await cancelBooked(s, reason, actor)
  return first + (await cancelBooked(s, reason, actor))
}

export async function closeWaitlist(s: ScheduleDoc, reason: string): Promise<void> {
  const res = await db().collection(WAITLIST).where({ scheduleId: s._id, status: 'waiting' }).limit(1000).get()
  for (const w of res.data as WaitDoc[]) {
    const done = await db()
      .collection(WAITLIST)
      .where({ _id: w._id, status: 'waiting' })
      .update({ status: 'closed', waitKey: `x:${w._id}`, updatedAt: iso() })
    if (!done.updated) continue
    await enqueue({
      accountId: w.accountId,
      kind: 'booking_closed',
      title: '候补的出诊已停诊',
      body: `${w.patientName}候补的${dateLabel(w.date)} ${w.start}-${w.end} ${w.departmentName} ${w.doctorName}已停诊（${reason}），候补已结束。`,
      dedupeKey: `closed_wait_${w._id}`
    })
  }
}
