/**
 * The waitlist (候补): when a place is given back, the first waiting patient who may still book gets
 * it, inside the cancelling transaction, so nobody else can take it in between.
 */
import type { BookingRules } from '../../types/booking-rules'
import { dateLabel, isBanned, queueNumber } from '../../types/booking-rules'
import { db, firstDoc, type Transaction } from '../common/db'
import { enqueue } from '../common/outbox'
import {
  activeKeyOf,
  APPOINTMENTS,
  PATIENTS,
  SCHEDULES,
  WAITLIST,
  type AppointmentDoc,
  type PatientStateDoc,
  type ScheduleDoc,
  type WaitDoc
} from './docs'

export const BOOKING_PAGE = '/packages/booking/appointment/index'

/** Who waits on a session, first in line first (joined at the same instant: by id). */
export async function waitingFor(scheduleId: string, limit = 1000): Promise<WaitDoc[]> {
  const res = await db()
    .collection(WAITLIST)
    .where({ scheduleId, status: 'waiting' })
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get()
  return res.data as WaitDoc[]
}

/** 1-based place in line of a waiting ticket. */
export async function positionOf(w: WaitDoc): Promise<number> {
  return (await waitingFor(w.scheduleId)).findIndex((x) => x._id === w._id) + 1
}

export interface Promotion {
  wait: WaitDoc
  appointment: AppointmentDoc
}

/**
 * Gives slice `i` of the freed place to the first eligible waiter, in `tx`. A waiter who is banned,
 * at the active limit or already booked in this session is passed over (and keeps waiting).
 */
export async function promoteFirst(
  tx: Transaction,
  freed: AppointmentDoc,
  candidates: readonly WaitDoc[],
  rules: BookingRules,
  nowIso: string
): Promise<Promotion | null> {
  const _ = db().command
  for (const candidate of candidates) {
    const wait = firstDoc<WaitDoc>(await tx.collection(WAITLIST).doc(candidate._id).get())
    if (!wait || wait.status !== 'waiting') continue
    const state = firstDoc<PatientStateDoc>(await tx.collection(PATIENTS).doc(wait.profileId).get())
    if (!state || isBanned(state.bannedUntil, nowIso)) continue
    if (state.activeCount >= rules.maxActivePerPatient || state.activeSchedules.includes(freed.scheduleId)) continue
    const schedule = firstDoc<ScheduleDoc>(await tx.collection(SCHEDULES).doc(freed.scheduleId).get())
    if (!schedule || schedule.status !== 'published') return null
    const i = freed.sliceIndex
    const slices = schedule.slices.map((s, k) => (k === i ? { ...s, taken: s.taken + 1 } : s))
    const id = `ap_w_${wait._id}`
    const appointment: AppointmentDoc = {
      ...freed,
      _id: id,
      requestKey: `waitlist:${wait._id}`,
      activeKey: activeKeyOf(wait.profileId, freed.scheduleId),
      returnKey: `a:${id}`,
      status: 'booked',
      profileId: wait.profileId,
      accountId: state.accountId,
      patientName: state.name,
      channel: wait.channel,
      bookedBy: 'system',
      bookedByName: '',
      queueNo: queueNumber(slices, i),
      fee: schedule.fee,
      returnOf: '',
      fromWaitlist: true,
      cancelReason: '',
      cancelledBy: '',
      checkedInAt: '',
      completedAt: '',
      createdAt: nowIso,
      updatedAt: nowIso
    }
    await tx
      .collection(SCHEDULES)
      .doc(freed.scheduleId)
      .update({ [`slices.${i}.taken`]: _.inc(1) })
    await tx
      .collection(PATIENTS)
      .doc(wait.profileId)
      .update({ activeCount: _.inc(1), activeSchedules: _.push([freed.scheduleId]) })
    await tx.collection(APPOINTMENTS).add(appointment)
    await tx
      .collection(WAITLIST)
      .doc(wait._id)
      .update({ status: 'promoted', waitKey: `x:${wait._id}`, appointmentId: id, updatedAt: nowIso })
    return { wait, appointment }
  }
  return null
}

export async function tellPromoted(p: Promotion): Promise<void> {
  const a = p.appointment
  await enqueue({
    accountId: a.accountId,
    kind: 'booking_waitlist_promoted',
    title: '候补成功',
    body: `${a.patientName}候补成功：${dateLabel(a.date)} ${a.start}-${a.end}，${a.hospitalName}${a.departmentName} ${a.doctorName}，第${a.queueNo}号，就诊地点${a.place}。`,
    page: `${BOOKING_PAGE}?id=${a._id}`,
    fields: {
      thing1: a.patientName,
      time2: `${a.date} ${a.start}`,
      thing3: `${a.departmentName} ${a.doctorName}`,
      number4: String(a.queueNo)
    },
    dedupeKey: `promoted_${a._id}`
  })
}
