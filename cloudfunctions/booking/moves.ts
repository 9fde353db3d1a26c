/**
 * Every status change of an appointment or a waitlist ticket goes through `transition` (the
 * workflow tables in types/booking.ts), with the counters it affects written in the same
 * transaction, and the notices it sends.
 */
import {
  APPOINTMENT_STATUS_LABELS,
  appointmentWorkflow,
  WAITLIST_STATUS_LABELS,
  waitlistWorkflow,
  type AppointmentStatus,
  type CancelledBy,
  type WaitlistStatus
} from '../../types/booking'
import { applyNoShow, bookingRefusal, dateLabel, noShowBanReason, queueNumber, type BookingRules } from '../../types/booking-rules'
import { iso } from '../common/clock'
import { db, type Transaction } from '../common/db'
import { AppError } from '../common/errors'
import { enqueueIn, type OutboxInput } from '../common/outbox'
import { getSettings } from '../common/settings'
import { SYSTEM, transition, transitionWithin, type Actor, type TransitionRequest } from '../common/transition'
import { txDoc } from '../common/typed'
import {
  activeKeyOf,
  freshAppointment,
  APPOINTMENTS,
  PATIENTS,
  SCHEDULES,
  WAITLIST,
  type AppointmentDoc,
  type PatientStateDoc,
  type ScheduleDoc,
  type WaitDoc
} from './docs'
import { releasePatient } from './patients'
import { BOOKING_PAGE, waitingFor } from './waitlist'

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
  /** A notice to the family, written in the cancellation's own transaction. */
  notice?: OutboxInput
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
      if (opts.notice) await enqueueIn(tx, opts.notice)
      if (!frees) return
      promoted = await promoteFirst(tx, a, candidates, rules, nowIso)
      if (promoted) await enqueueIn(tx, promotedNotice(promoted))
      if (!promoted)
        await tx
          .collection(SCHEDULES)
          .doc(a.scheduleId)
          .update({ [`slices.${a.sliceIndex}.remaining`]: _.inc(1) })
    }
  })
  return doc
}

/** The family's 停诊 notice, written in the cancellation's transaction (CancelOptions.notice). */
/**
 * A notice about one appointment: the family's account, the page that opens it, and the WeChat
 * template's fields (patient, time, department and expert, then one field the notice chooses).
 */
export function appointmentNotice(
  a: AppointmentDoc,
  n: Pick<OutboxInput, 'kind' | 'title' | 'body' | 'dedupeKey'> & { last: Record<string, string> }
): OutboxInput {
  return {
    accountId: a.accountId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    page: `${BOOKING_PAGE}?id=${a._id}`,
    fields: { thing1: a.patientName, time2: `${a.date} ${a.start}`, thing3: `${a.departmentName} ${a.doctorName}`, ...n.last },
    dedupeKey: n.dedupeKey
  }
}

export function closedNotice(a: AppointmentDoc, reason: string): OutboxInput {
  return appointmentNotice(a, {
    kind: 'booking_closed',
    title: '停诊通知',
    body: `很抱歉，${a.patientName}预约的${dateLabel(a.date)} ${a.start}-${a.end} ${a.departmentName} ${a.doctorName}停诊（${reason}），预约已取消。可另选其他出诊预约。`,
    last: { thing4: reason.slice(0, 20) },
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
export async function markNoShow(
  a: AppointmentDoc,
  rules: BookingRules,
  actor: Actor,
  /** The family's notice of a ban this no-show starts, written in the same transaction. */
  banNotice?: (bannedUntil: string) => OutboxInput
): Promise<{ doc: Moved; banned: string }> {
  let banned = ''
  const _ = db().command
  const { doc } = await move(a, 'no_show', actor, {
    patch: { activeKey: `x:${a._id}` },
    within: async (tx) => {
      banned = ''
      const state = (await txDoc<PatientStateDoc>(tx, PATIENTS, a.profileId).get()).data
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
      if (banned && banNotice) await enqueueIn(tx, banNotice(banned))
    }
  })
  return { doc, banned }
}

// ---------------------------------------------------------------- waitlist tickets

/** A ticket that stops waiting also frees its profile:session key, so the patient may queue again. */
function waitMove(
  w: WaitDoc,
  to: WaitlistStatus,
  actor: Actor,
  extra: Partial<TransitionRequest<WaitlistStatus>> = {}
): TransitionRequest<WaitlistStatus> {
  return {
    collection: WAITLIST,
    id: w._id,
    workflow: waitlistWorkflow,
    labels: WAITLIST_STATUS_LABELS,
    to,
    actor,
    from: 'waiting',
    ...extra,
    patch: { waitKey: `x:${w._id}`, ...(extra.patch ?? {}) }
  }
}

/** Runs a ticket move; null when the ticket was no longer waiting (someone else moved it first). */
async function moveWait(req: TransitionRequest<WaitlistStatus>): Promise<WaitDoc | null> {
  try {
    return (await transition<WaitlistStatus, WaitDoc>(req)).doc
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return null
    throw err
  }
}

/** The family leaves the queue; null when the ticket had already moved on. */
export function leaveWait(w: WaitDoc, actor: Actor): Promise<WaitDoc | null> {
  return moveWait(waitMove(w, 'left', actor))
}

/** 停诊 ends the session's queue: each waiter is told. */
export async function closeWait(w: WaitDoc, actor: Actor, reason: string): Promise<boolean> {
  const notice: OutboxInput = {
    accountId: w.accountId,
    kind: 'booking_closed',
    title: '候补的出诊已停诊',
    body: `${w.patientName}候补的${dateLabel(w.date)} ${w.start}-${w.end} ${w.departmentName} ${w.doctorName}已停诊（${reason}），候补已结束。`,
    dedupeKey: `closed_wait_${w._id}`
  }
  return !!(await moveWait(waitMove(w, 'closed', actor, { note: reason, within: (tx) => enqueueIn(tx, notice) })))
}

/** At the cutoff a ticket still waiting has not got a place: it ends, and the family is told. */
export async function expireWait(w: WaitDoc): Promise<boolean> {
  const notice: OutboxInput = {
    accountId: w.accountId,
    kind: 'booking_waitlist_expired',
    title: '候补未成功',
    body: `${w.patientName}候补的${dateLabel(w.date)} ${w.departmentName} ${w.doctorName}到预约截止时仍没有空出号源，候补已结束。`,
    dedupeKey: `expired_${w._id}`
  }
  return !!(await moveWait(waitMove(w, 'expired', SYSTEM, { within: (tx) => enqueueIn(tx, notice) })))
}

export interface Promotion {
  wait: WaitDoc
  appointment: AppointmentDoc
}

/**
 * Gives slice `i` of the freed place to the first eligible waiter, in `tx`. A waiter who is banned,
 * at the active limit or already booked in this session is passed over (and keeps waiting).
 */
async function promoteFirst(
  tx: Transaction,
  freed: AppointmentDoc,
  candidates: readonly WaitDoc[],
  rules: BookingRules,
  nowIso: string
): Promise<Promotion | null> {
  const _ = db().command
  for (const candidate of candidates) {
    const wait = (await txDoc<WaitDoc>(tx, WAITLIST, candidate._id).get()).data
    if (!wait || wait.status !== 'waiting') continue
    const state = (await txDoc<PatientStateDoc>(tx, PATIENTS, wait.profileId).get()).data
    if (!state || state.removed || bookingRefusal(state, freed.scheduleId, rules, nowIso)) continue
    const schedule = (await txDoc<ScheduleDoc>(tx, SCHEDULES, freed.scheduleId).get()).data
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
      profileId: wait.profileId,
      accountId: state.accountId,
      patientName: state.name,
      channel: wait.channel,
      bookedBy: 'system',
      bookedByName: '',
      referralTaskId: '',
      queueNo: queueNumber(slices, i),
      fee: schedule.fee,
      returnOf: '',
      fromWaitlist: true,
      ...freshAppointment(nowIso)
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
    await transitionWithin(tx, waitMove(wait, 'promoted', SYSTEM, { patch: { waitKey: `x:${wait._id}`, appointmentId: id } }))
    return { wait, appointment }
  }
  return null
}

function promotedNotice(p: Promotion): OutboxInput {
  const a = p.appointment
  return appointmentNotice(a, {
    kind: 'booking_waitlist_promoted',
    title: '候补成功',
    body: `${a.patientName}候补成功：${dateLabel(a.date)} ${a.start}-${a.end}，${a.hospitalName}${a.departmentName} ${a.doctorName}，第${a.queueNo}号，就诊地点${a.place}。`,
    last: { number4: String(a.queueNo) },
    dedupeKey: `promoted_${a._id}`
  })
}
