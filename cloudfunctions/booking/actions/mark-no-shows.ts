import { banText, dateLabel } from '../../../types/booking-rules'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { OutboxInput } from '../../common/outbox'
import { SYSTEM } from '../../common/transition'
import { collection } from '../../common/typed'
import { getSettings } from '../../common/settings'
import { APPOINTMENTS, WAITLIST, type AppointmentDoc, type WaitDoc } from '../docs'
import { scheduleById } from '../reads'
import { cancelAppointment, completeAppointment, expireWait, markNoShow, closedNotice } from '../moves'

const BATCH = 200

async function ended(status: string, nowIso: string): Promise<AppointmentDoc[]> {
  const res = await collection<AppointmentDoc>(APPOINTMENTS)
    .where({ status, endsAt: db().command.lte(nowIso) })
    .limit(BATCH)
    .get()
  return res.data
}

/** Skips an appointment someone else moved meanwhile (the transition refuses with CONFLICT). */
async function unlessMoved(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work()
    return true
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return false
    throw err
  }
}

/**
 * After a session ends: a booking nobody checked in for becomes a no-show (the ban starts at the
 * limit, and the patient is told why and until when); a check-in becomes a completed visit; a
 * booking that slipped onto a session as it was closed is cancelled; waitlist tickets that never
 * got a place end.
 */
export async function markNoShows() {
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const counts = { noShows: 0, banned: 0, completed: 0, cancelled: 0, expired: 0 }
  for (const a of await ended('booked', nowIso)) {
    const s = await scheduleById(a.scheduleId)
    if (s?.status === 'closed') {
      const notice = closedNotice(a, s.closeReason)
      if (await unlessMoved(() => cancelAppointment(a, { actor: SYSTEM, by: 'hospital', reason: s.closeReason, notice }))) {
        counts.cancelled++
      }
      continue
    }
    let banned = ''
    const banNotice = (until: string): OutboxInput => ({
      accountId: a.accountId,
      kind: 'booking_banned',
      title: '预约受限通知',
      body: `${a.patientName}${dateLabel(a.date)}的预约未按时就诊。${banText({ until, reason: `因${rules.noShowWindowDays}天内${rules.noShowLimit}次爽约` })}。如有特殊情况，请联系医院。`,
      dedupeKey: `banned_${a.profileId}_${until.slice(0, 10)}`
    })
    if (!(await unlessMoved(async () => (banned = (await markNoShow(a, rules, SYSTEM, banNotice)).banned)))) continue
    counts.noShows++
    if (banned) counts.banned++
  }
  for (const a of await ended('checked_in', nowIso)) {
    if (await unlessMoved(() => completeAppointment(a, SYSTEM))) counts.completed++
  }
  const stale = await collection<WaitDoc>(WAITLIST)
    .where({ status: 'waiting', cutoffAt: db().command.lte(nowIso) })
    .limit(BATCH)
    .get()
  for (const w of stale.data) if (await expireWait(w)) counts.expired++
  return counts
}
