/**
 * The per-patient booking state: one document per profile holding the counters that the rules
 * "one booking per session", "at most N active" and "not while banned" are checked against, in
 * one conditional update.
 */
import type { BookingRules } from '../../types/booking-rules'
import { bookingRefusal } from '../../types/booking-rules'
import { anyActiveProfile, NO_PROFILE, type ProfileDoc } from '../common/patients'
import { iso } from '../common/clock'
import { db, type Transaction } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import { activeAppointmentFor, appointmentById, patientStateById } from './reads'
import { PATIENTS, RECENT_BOOKINGS, type AppointmentDoc, type PatientStateDoc } from './docs'
import { collection } from '../common/typed'

export interface Booker {
  /** The account pressing book (a family, or hotline staff). */
  accountId: string
  /** Hotline staff may book for any active profile; a family only for its own. */
  hotline: boolean
}

export const NO_PATIENT = () => new AppError('NOT_FOUND', NO_PROFILE)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Loads a profile the booker may book for, or NOT_FOUND (also for another family's profile). */
export async function bookableProfile(by: Booker, profileId: string): Promise<ProfileDoc> {
  const profile = await anyActiveProfile(profileId)
  if (!by.hotline && profile.accountId !== by.accountId) throw NO_PATIENT()
  return profile
}

/** Creates the state document on a profile's first booking; a concurrent creation is fine. */
export async function ensurePatientState(profile: ProfileDoc): Promise<void> {
  const doc: PatientStateDoc = {
    _id: profile._id,
    accountId: profile.accountId,
    name: profile.name,
    relation: profile.relation,
    activeCount: 0,
    activeSchedules: [],
    bannedUntil: '',
    banReason: '',
    noShows: [],
    recentBookings: [],
    createdAt: iso()
  }
  try {
    await collection<PatientStateDoc>(PATIENTS).add(doc)
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
}

export type Held = { kind: 'held'; state: PatientStateDoc } | { kind: 'replay'; doc: AppointmentDoc }

interface HoldRequest {
  by: Booker
  profileId: string
  scheduleId: string
  /** The id this booking's appointment gets: finding it means the call is a retry. */
  appointmentId: string
}

/** Step 2 of a booking: one conditional update that checks ownership and every patient rule. */
export async function holdPatient(req: HoldRequest, rules: BookingRules, nowIso: string): Promise<Held> {
  const _ = db().command
  const where: Record<string, unknown> = {
    _id: req.profileId,
    activeCount: _.lt(rules.maxActivePerPatient),
    activeSchedules: _.neq(req.scheduleId),
    bannedUntil: _.lte(nowIso),
    // Set by the patient kernel while a profile is removed (PROFILE_HOLDERS in common/patients):
    // a removed profile cannot be booked, even by the hotline.
    removed: _.neq(true)
  }
  if (!req.by.hotline) where.accountId = req.by.accountId
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await collection<PatientStateDoc>(PATIENTS)
      .where(where)
      .updateAndReturn({
        activeCount: _.inc(1),
        activeSchedules: _.push([req.scheduleId]),
        recentBookings: _.push({ each: [req.appointmentId], slice: -RECENT_BOOKINGS }),
        heldAt: nowIso
      })
    if (res.updated && res.doc) return { kind: 'held', state: res.doc }
    const replay = await explainPatient(req, rules, nowIso)
    if (replay) return replay
  }
  throw new AppError('CONFLICT', '预约的人较多，请稍后再试')
}

/** Undoes step 2 (a booking that did not go through, or an appointment that ended). */
export async function releasePatient(profileId: string, scheduleId: string, tx?: Transaction): Promise<void> {
  const _ = db().command
  const ref = (tx ?? db()).collection(PATIENTS).doc(profileId)
  await ref.update({ activeCount: _.inc(-1), activeSchedules: _.pull(scheduleId) })
}

/**
 * Why the conditional update matched nothing: throws the reason the person sees, returns the
 * earlier reply for a retried request, or returns undefined when trying again may succeed
 * (first booking of this profile, or the state changed meanwhile).
 */
async function explainPatient(req: HoldRequest, rules: BookingRules, nowIso: string): Promise<Held | undefined> {
  let state = await patientStateById(req.profileId)
  if (!state) {
    await ensurePatientState(await bookableProfile(req.by, req.profileId))
    return undefined
  }
  if (state.removed || (!req.by.hotline && state.accountId !== req.by.accountId)) throw NO_PATIENT()
  const refusal = bookingRefusal(state, req.scheduleId, rules, nowIso)
  if (refusal?.reason === 'banned') throw new AppError(refusal.code, refusal.message)
  // Booked in this session already: by this very request (a retry), by another, or one in flight.
  for (const wait of [0, 80, 200, 400, 800]) {
    if (!state || !state.activeSchedules.includes(req.scheduleId)) break
    if (wait) await sleep(wait)
    const mine = await appointmentById(req.appointmentId)
    if (mine && mine.profileId === req.profileId && mine.scheduleId === req.scheduleId) return { kind: 'replay', doc: mine }
    const other = await activeAppointmentFor(req.profileId, req.scheduleId)
    if (other) throw new AppError('CONFLICT', `${other.patientName}已预约本场（第${other.queueNo}号），同一场出诊只能预约一次`)
    state = await patientStateById(req.profileId)
  }
  if (state?.activeSchedules.includes(req.scheduleId)) throw new AppError('CONFLICT', '正在为这位就诊人预约本场，请稍后在“我的预约”查看')
  const now = bookingRefusal(state, req.scheduleId, rules, nowIso)
  if (now?.reason === 'active_limit') throw new AppError(now.code, now.message)
  return undefined
}
