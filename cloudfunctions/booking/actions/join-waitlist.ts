import { bookingRefusal, totalRemaining } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { requireHealthDataConsent } from '../../common/consent'
import { db, firstDoc } from '../../common/db'
import { requestDocId } from '../../common/request-key'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { newWaitTicket, WAITLIST, type WaitDoc } from '../docs'
import { patientStateById, scheduleById } from '../reads'
import { bookableProfile, ensurePatientState } from '../patients'
import { sessionProblem } from '../places'
import { waitView } from '../views'
import { positionOf } from '../waitlist'

/** On a full session, the patient queues; the first in line gets the next place given back. */
export async function joinWaitlist(input: { scheduleId: string; profileId: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const ticketId = requestDocId('wt', accountId, ctx.requestId)
  const earlier = ticketId ? firstDoc<WaitDoc>(await db().collection(WAITLIST).doc(ticketId).get()) : undefined
  if (earlier && earlier.accountId === accountId) return waitView(earlier, await positionOf(earlier))
  await requireHealthDataConsent({ account: ctx.user().account }, '候补')
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const profile = await bookableProfile({ accountId, hotline: false }, input.profileId)
  const s = await scheduleById(input.scheduleId)
  const problem = sessionProblem(s, nowIso)
  if (problem || !s) throw problem
  if (totalRemaining(s.slices) > 0) throw new AppError('CONFLICT', '本场还有号，可以直接预约')
  const state = await patientStateById(profile._id)
  if (!state) await ensurePatientState(profile)
  const refusal = bookingRefusal(state && { ...state, name: profile.name }, s._id, rules, nowIso, 'wait')
  if (refusal) throw new AppError(refusal.code, refusal.message)
  const doc = newWaitTicket(profile, s, accountId, nowIso)
  let id: string
  try {
    id = (
      await db()
        .collection(WAITLIST)
        .add(ticketId ? { ...doc, _id: ticketId } : doc)
    ).id as string
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', `${profile.name}已在本场的候补队列中`)
    throw err
  }
  const ticket = { ...doc, _id: id }
  return waitView(ticket, await positionOf(ticket))
}
