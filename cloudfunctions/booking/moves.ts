/**
 * Every status change of an appointment goes through `transition` (the workflow table in
 * types/booking.ts), with the counters it affects written in the same transaction.
 */
import { APPOINTMENT_STATUS_LABELS, appointmentWorkflow, type AppointmentStatus, type CancelledBy } from '../../types/booking'
import { applyNoShow, dateLabel, noShowBanReason, type BookingRules } from '../../types/booking-rules'
import { iso } from '../common/clock'
import { db, firstDoc } from '../common/db'
import { enqueue } from '../common/outbox'
import { getSettings } from '../common/settings'
import { transition, type Actor, type TransitionRequest } from '../common/transition'
import { APPOINTMENTS, PATIENTS, SCHEDULES, type AppointmentDoc, type PatientStateDoc } from './docs'
import { releasePatient } from './patients'
import { BOOKING_PAGE, promoteFirst, tellPromoted, waitingFor, type Promotion } from './waitlist'

type Moved = AppointmentDoc

function move(a: AppointmentDoc, to: AppointmentStatus, actor: Actor, extra: Partial<TransitionRequest<AppointmentStatus>> = {}) {
  return transition<AppointmentStatus, AppointmentDoc>({
    collection: APPOINTMENTS,
    id: a._id,
    workflow: appointmentWorkflow,
    labels: APPOINTMENT_STATUS_LABELS,
    to,
    actor,
    from: a.status,
    ...extra
  })
}

export interface CancelOptions {
  actor: Actor
  by: Exclude<CancelledBy, ''>
  reason: string
}

/**
 * Cancels a booking. A patient's or the hotline's cancellation frees the place, which goes straight
 * to the first eligible waiter if there is one; the hospital's (停诊) frees nothing.
 */
export async function cancelAppointment(a: AppointmentDoc, opts: CancelOptions): Promise<Moved> {
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const frees = opts.by !== 'hospital'
  const candidates = frees ? await waitingFor(a.scheduleId, 10) : []
  let promoted: Promotion | null = null
  const _ = db().command
  const { doc } = await move(a, 'cancelled', opts.actor, {
    note: opts.reason,
    patch: { activeKey: `x:${a._id}`, returnKey: `x:${a._id}`, cancelReason: opts.reason, cancelledBy: opts.by },
    within: async (tx) => {
      promoted = null // the transaction may run again after a conflict
      await releasePatient(a.profileId, a.scheduleId, tx)
      if (!frees) return
      promoted = await promoteFirst(tx, a, candidates, rules, nowIso)
      if (!promoted)
        await tx
          .collection(SCHEDULES)
          .doc(a.scheduleId)
          .update({ [`slices.${a.sliceIndex}.remaining`]: _.inc(1) })
    }
  })
  if (promoted) await tellPromoted(promoted)
  return doc
}

export async function tellClosed(a: AppointmentDoc, reason: string): Promise<void> {
  await enqueue({
    accountId: a.accountId,
    kind: 'booking_closed',
    title: '停诊通知',
    body: `很抱歉，${a.patientName}预约的${dateLabel(a.date)} ${a.start}-${a.end} ${a.departmentName} ${a.doctorName}停诊（${reason}），预约已取消。可另选其他出诊预约。`,
    page: `${BOOKING_PAGE}?id=${a._id}`,
    fields: {
      thing1: a.patientName,
      time2: `${a.date} ${a.start}`,
      thing3: `${a.departmentName} ${a.doctorName}`,
      thing4: reason.slice(0, 20)
    },
    dedupeKey: `closed_${a._id}`
  })
}

export function checkInAppointment(a: AppointmentDoc, actor: Actor): Promise<{ doc: Moved }> {
  return move(a, 'checked_in', actor, { patch: { checkedInAt: iso() } })
}

/** A visit ends its hold on the patient's active limit. */
export function completeAppointment(a: AppointmentDoc, actor: Actor): Promise<{ doc: Moved }> {
  return move(a, 'completed', actor, {
    patch: { completedAt: iso() },
    within: (tx) => releasePatient(a.profileId, a.scheduleId, tx)
  })
}

/**
 * Not checked in by the end of the session: the place stays used, the patient's hold ends, the
 * no-show is counted, and the ban starts when the count reaches the limit.
 */
export async function markNoShow(a: AppointmentDoc, rules: BookingRules, actor: Actor): Promise<{ doc: Moved; banned: string }> {
  let banned = ''
  const _ = db().command
  const { doc } = await move(a, 'no_show', actor, {
    patch: { activeKey: `x:${a._id}` },
    within: async (tx) => {
      banned = ''
      const state = firstDoc<PatientStateDoc>(await tx.collection(PATIENTS).doc(a.profileId).get())
      if (!state) return
      const next = applyNoShow(state.noShows ?? [], a.endsAt, rules)
      const stillBanned = state.bannedUntil > next.bannedUntil ? state.bannedUntil : next.bannedUntil
      if (next.bannedUntil && next.bannedUntil >= state.bannedUntil) banned = next.bannedUntil
      await tx
        .collection(PATIENTS)
        .doc(a.profileId)
        .update({
          activeCount: _.inc(-1),
          activeSchedules: _.pull(a.scheduleId),
          noShows: next.noShows,
          bannedUntil: stillBanned,
          banReason: next.bannedUntil ? noShowBanReason(rules) : state.banReason
        })
    }
  })
  return { doc, banned }
}
