/**
 * Scenario builders for booking tests: a backend whose clock stands at a fixed moment in China time,
 * sessions created and published through the scheduler's own actions, and extra families written
 * straight into the database for the concurrency tests.
 */
import type { ScheduleView, SessionInput } from '../../types/booking'
import { chinaInstant, makeSlices } from '../../types/booking-rules'
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { newProfile } from '../../cloudfunctions/common/patients'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { demoId, demoOpenid } from '../../cloudfunctions/local/demo'
import { openBackend, rid, type TestBackend } from '../helpers/backend'

/** Wednesday 18 November 2026, 10:00 in Shanghai (02:00 UTC). */
export const WEDNESDAY_10AM = chinaInstant('2026-11-18', '10:00')
/** Next Monday: released last Monday 19:00, bookable until Sunday 15:00. */
export const MONDAY = '2026-11-23'

export function at(date: string, time: string): void {
  setNow(chinaInstant(date, time))
}

export async function openAt(instant = WEDNESDAY_10AM): Promise<TestBackend> {
  setNow(instant)
  return openBackend()
}

export async function closeBackend(b: TestBackend | undefined): Promise<void> {
  setNow(undefined)
  await b?.close()
}

export function sessionInput(over: Partial<SessionInput> = {}): SessionInput {
  const start = over.start ?? '08:00'
  const end = over.end ?? '09:00'
  return {
    doctorId: 'doc_3',
    date: MONDAY,
    session: 'am',
    start,
    end,
    clinicType: 'expert',
    fee: 5000,
    place: '门诊楼2楼 心血管内科 诊室3',
    returnVisit: true,
    slices: makeSlices(start, end, 30, 2),
    ...over
  }
}

/** Creates and publishes a session as the demo scheduler. */
export async function publishedSession(b: TestBackend, over: Partial<SessionInput> = {}): Promise<ScheduleView> {
  const draft = await b.ok('scheduler', 'booking', 'createSession', sessionInput(over), rid())
  const res = await b.ok('scheduler', 'booking', 'publish', { ids: [draft.id] })
  return res.sessions[0]
}

export async function profileOf(b: TestBackend, account: string, relation: 'self' | 'parent' | 'child' = 'self'): Promise<string> {
  const { profiles } = await b.ok(account, 'account', 'listProfiles', {})
  return profiles.find((p) => p.relation === relation)!.id
}

export function book(b: TestBackend, as: string, session: ScheduleView, profileId: string, slice = 0, requestId = rid()) {
  return b.call(as, 'booking', 'book', { scheduleId: session.id, sliceId: session.slices[slice].id, profileId }, requestId)
}

export async function session(b: TestBackend, as: string, id: string): Promise<ScheduleView> {
  return (await b.ok(as, 'booking', 'getSession', { id })).session
}

export async function count(collection: string, where: Record<string, unknown>): Promise<number> {
  return (await db().collection(collection).where(where).count()).total
}

/**
 * `n` families of one person each, written straight into the database (accounts sign up on their
 * first call, as a WeChat user does). Returns their demo keys and profile ids.
 */
export async function crowd(n: number, prefix = 'crowd'): Promise<Array<{ key: string; profileId: string }>> {
  const people: Array<{ key: string; profileId: string }> = []
  const docs = []
  for (let i = 0; i < n; i++) {
    const key = `${prefix}_${i}`
    const accountId = accountIdFor(demoOpenid(key))
    const seq = String(i % 1000).padStart(3, '0')
    const profileId = `pf_${prefix}_${i}`
    docs.push({
      _id: profileId,
      ...newProfile(accountId, {
        name: '王建华',
        idNumber: demoId('370125', `19${50 + (i % 40)}0101`, seq),
        phone: '13900000000',
        relation: 'self'
      })
    })
    people.push({ key, profileId })
  }
  for (let i = 0; i < docs.length; i += 500)
    await db()
      .collection('profiles')
      .add(docs.slice(i, i + 500))
  return people
}
