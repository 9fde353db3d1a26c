/**
 * The booking hot path, shared by patients, families and the hotline. On success it is four
 * database round trips: the router's account read, one conditional update on the patient's state
 * (ownership, one per session, active limit, ban), one on the session's slice (status, release,
 * cutoff, a place left), and the insert of the appointment, whose id comes from the request so a
 * retry cannot make two. Only a failure reads more, to say exactly why, and undoes what it took;
 * a refusal also reads the appointment its request would have made, to replay a lost reply (on the
 * fast refusal path, only when the patient's state lists that request among its recent attempts).
 *
 * At release time: callers of one slice take turns (a few at once, see `sliceTurn`), so that once
 * the slice is full those still waiting answer from reads instead of holding and giving back; and
 * those reads (the session, each caller's state, like the router's account read) are shared by the
 * callers of one moment (common/batched.ts).
 */
import { bookingRefusal, type BookingRules } from '../../types/booking-rules'
import { iso } from '../common/clock'
import { db, inTransaction, type Transaction } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import { getSettings } from '../common/settings'
import {
  activeKeyOf,
  freshAppointment,
  sessionSnapshot,
  appointmentIdFor,
  APPOINTMENTS,
  PATIENTS,
  SCHEDULES,
  sliceIndexOf,
  type AppointmentDoc,
  type PatientStateDoc,
  type ScheduleDoc
} from './docs'
import { sharedById } from '../common/batched'
import { appointmentById } from './reads'
import { bookableProfile, holdPatient, releasePatient, type Booker } from './patients'
import {
  explainPlace,
  forgetRefused,
  FULL_SESSION,
  holdPlace,
  noteRefused,
  placeProblem,
  returnPlace,
  seenRefused,
  sliceTurn
} from './places'

export interface BookRequest {
  by: Booker & { name: string }
  profileId: string
  scheduleId: string
  sliceId: string
  /** accountId:requestId: the same key always means the same booking. */
  requestKey: string
  /** A completed visit whose free return visit this is (checked by the caller). */
  returnOf?: string
  /** The follow-up task the doctor books from (转诊, checked by the caller): channel `referral`. */
  referralTaskId?: string
  /** Writes that commit with the appointment or not at all (the family's notice). */
  within?: (tx: Transaction, doc: AppointmentDoc) => Promise<void>
}

export async function placeBooking(req: BookRequest): Promise<AppointmentDoc> {
  try {
    return await bookOrRefuse(req)
  } catch (err) {
    // A refusal may be the retry of a booking this very request made whose reply was lost, and
    // which has since been cancelled or whose slice has since filled: the retry answers with that
    // booking as it stands. Only refusals pay this read; the key holds the caller's own account.
    if (!(err instanceof AppError) || err.code === 'INTERNAL' || answeredEarly.has(err)) throw err
    const earlier = await appointmentById(appointmentIdFor(req.requestKey))
    if (earlier && earlier.requestKey === req.requestKey) return earlier
    throw err
  }
}

async function bookOrRefuse(req: BookRequest): Promise<AppointmentDoc> {
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const id = appointmentIdFor(req.requestKey)
  const i = sliceIndexOf(req.sliceId)

  let looked = false
  for (;;) {
    if (!looked && seenRefused(req.scheduleId, i)) {
      looked = true
      const replay = await refuseEarly(req, id, i, rules, nowIso)
      if (replay) return replay
    }
    const endTurn = await sliceTurn(req.scheduleId, i)
    // The slice may have filled while this caller waited for its turn: look first, without the turn.
    if (!looked && seenRefused(req.scheduleId, i)) {
      endTurn()
      continue
    }
    try {
      return await holdAndBook(req, id, i, rules, nowIso)
    } finally {
      endTurn()
    }
  }
}

async function holdAndBook(req: BookRequest, id: string, i: number, rules: BookingRules, nowIso: string): Promise<AppointmentDoc> {
  const held = await holdPatient({ by: req.by, profileId: req.profileId, scheduleId: req.scheduleId, appointmentId: id }, rules, nowIso)
  if (held.kind === 'replay') return held.doc

  let schedule = await holdPlace(req.scheduleId, i, req.sliceId, nowIso)
  if (!schedule) {
    // Someone may have cancelled since: one more try before giving the reason.
    const why = await explainPlace(req.scheduleId, i, req.sliceId, nowIso)
    if (!why) schedule = await holdPlace(req.scheduleId, i, req.sliceId, nowIso)
    if (!schedule) {
      await releasePatient(req.profileId, req.scheduleId)
      if (why?.code === 'SLOT_FULL' || why?.code === 'OUTSIDE_WINDOW') noteRefused(req.scheduleId, i)
      throw why ?? new AppError('SLOT_FULL', FULL_SESSION)
    }
  }
  if (schedule.slices[i].remaining === 0) noteRefused(req.scheduleId, i)

  const doc = newAppointment(req, id, held.state, schedule, i, nowIso)
  try {
    const { within } = req
    if (within)
      await inTransaction(async (tx) => {
        await tx.collection(APPOINTMENTS).add(doc)
        await within(tx, doc)
      })
    else await db().collection(APPOINTMENTS).add(doc)
    return doc
  } catch (err) {
    await Promise.all([returnPlace(req.scheduleId, i), releasePatient(req.profileId, req.scheduleId)])
    if (!isDuplicateKeyError(err)) throw err
    const earlier = await appointmentById(id)
    if (earlier && earlier.requestKey === req.requestKey) return earlier
    if (req.returnOf) throw new AppError('CONFLICT', '这次就诊的免费复诊已经预约过了')
    throw new AppError('CONFLICT', `${held.state.name}已预约本场，同一场出诊只能预约一次`)
  }
}

const sharedSchedule = sharedById<ScheduleDoc>(SCHEDULES)
const sharedState = sharedById<PatientStateDoc>(PATIENTS)

/** Refusals from `refuseEarly`, which has already looked for the booking a retry would replay. */
const answeredEarly = new WeakSet<AppError>()

/**
 * When this slice was just seen refusing: read the session and the patient's own state (at once) and
 * answer from them: the booking itself for a retry whose reply was lost (read only when the state
 * lists this request among the patient's recent attempts), or the refusal if the session cannot be
 * booked and nothing about the patient needs the full path (a booking in flight, a ban, the limit,
 * another family's profile). Otherwise, or when the slice has a place again, return nothing and book
 * as usual.
 */
async function refuseEarly(
  req: BookRequest,
  id: string,
  i: number,
  rules: { maxActivePerPatient: number },
  nowIso: string
): Promise<AppointmentDoc | undefined> {
  const [schedule, state] = await Promise.all([sharedSchedule(req.scheduleId), sharedState(req.profileId)])
  // Only a request that held this patient can have made a booking; a state that does not yet list
  // its recent attempts (written before they were kept) is read as if it might have.
  const mayHaveBooked = !!state && (!state.recentBookings || state.recentBookings.includes(id))
  const earlier = mayHaveBooked ? await appointmentById(id) : undefined
  if (earlier && earlier.requestKey === req.requestKey) return earlier
  const why = placeProblem(schedule, i, req.sliceId, nowIso)
  if (!why || why.code === 'INVALID_INPUT') {
    forgetRefused(req.scheduleId, i)
    return undefined
  }
  answeredEarly.add(why)
  if (!state) {
    // Never booked before, so nothing to replay: only whose profile it is matters.
    await bookableProfile(req.by, req.profileId)
    throw why
  }
  const plain = (req.by.hotline || state.accountId === req.by.accountId) && !bookingRefusal(state, req.scheduleId, rules, nowIso)
  if (plain) throw why
  return undefined
}

function newAppointment(req: BookRequest, id: string, state: PatientStateDoc, s: ScheduleDoc, i: number, nowIso: string): AppointmentDoc {
  return {
    _id: id,
    requestKey: req.requestKey,
    activeKey: activeKeyOf(req.profileId, req.scheduleId),
    returnKey: req.returnOf ? `r:${req.returnOf}` : `a:${id}`,
    profileId: req.profileId,
    accountId: state.accountId,
    patientName: state.name,
    channel: req.referralTaskId ? 'referral' : req.by.hotline ? 'hotline' : state.relation === 'self' ? 'self' : 'family',
    bookedBy: req.by.accountId,
    bookedByName: req.by.hotline ? req.by.name : '',
    referralTaskId: req.referralTaskId ?? '',
    ...sessionSnapshot(s, i),
    fee: req.returnOf ? 0 : s.fee,
    returnOf: req.returnOf ?? '',
    fromWaitlist: false,
    ...freshAppointment(nowIso)
  }
}
