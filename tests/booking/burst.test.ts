/**
 * The rules under load: hundreds of people pressing 预约 at the release time, clients resending on a
 * bad network, one family tapping every session at once. Whatever the interleaving, no slice goes
 * over its quota, no patient holds two places in a session or more than the active limit.
 */
import type { AppointmentView, ScheduleView } from '../../types/booking'
import { db } from '../../cloudfunctions/common/db'
import { rid, type TestBackend } from '../helpers/backend'
import { book, closeBackend, count, crowd, openAt, profileOf, publishedSession, session } from './helpers'

jest.setTimeout(120_000)

let b: TestBackend
beforeEach(async () => {
  b = await openAt()
})
afterEach(() => closeBackend(b))

const codes = (replies: Array<{ ok: boolean; error?: { code: string } }>) =>
  replies.reduce<Record<string, number>>((acc, r) => {
    const c = r.ok ? 'ok' : r.error!.code
    acc[c] = (acc[c] ?? 0) + 1
    return acc
  }, {})

async function booked(s: ScheduleView): Promise<AppointmentView[]> {
  const res = await db().collection('appointments').where({ scheduleId: s.id, status: 'booked' }).limit(1000).get()
  return res.data as AppointmentView[]
}

describe('a burst at release time', () => {
  test('200 concurrent bookings for 10 places end with exactly 10 booked and every other caller told SLOT_FULL', async () => {
    const s = await publishedSession(b, { slices: [{ start: '08:00', end: '09:00', quota: 10 }] })
    const people = await crowd(200)
    b.engine.resetRoundTrips()
    const replies = await Promise.all(people.map((p) => book(b, p.key, s, p.profileId)))
    expect(codes(replies)).toEqual({ ok: 10, SLOT_FULL: 190 })
    // A few book at a time while the rest wait their turn, then find the slice full from reads they
    // share: under 3 round trips a caller (when every caller held itself and gave the hold back, 10).
    expect(b.engine.roundTrips).toBeLessThan(200 * 3)
    for (const r of replies) if (!r.ok) expect(r.error.message).toContain('可以加入候补')
    const won = replies.flatMap((r) => (r.ok ? [r.data] : []))
    expect(new Set(won.map((a) => a.queueNo))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
    expect(await booked(s)).toHaveLength(10)
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(0)
    // The losers hold nothing: every patient state is back to what its appointments say.
    const held = await db()
      .collection('booking_patients')
      .where({ activeCount: db().command.gt(0), _id: db().command.in(people.map((p) => p.profileId)) })
      .count()
    expect(held.total).toBe(10)
  })

  test('every client sending its request twice (a lost reply) still books each patient once, within the quota', async () => {
    const s = await publishedSession(b, {
      slices: [
        { start: '08:00', end: '08:30', quota: 5 },
        { start: '08:30', end: '09:00', quota: 5 }
      ]
    })
    const people = await crowd(60, 'retry')
    const replies = await Promise.all(
      people.flatMap((p, i) => {
        const requestId = rid()
        return [book(b, p.key, s, p.profileId, i % 2, requestId), book(b, p.key, s, p.profileId, i % 2, requestId)]
      })
    )
    const byPerson = people.map((_p, i) => [replies[2 * i], replies[2 * i + 1]])
    for (const [first, second] of byPerson) {
      // A retry gets the same answer: the same appointment, or the same refusal.
      expect(second.ok).toBe(first.ok)
      if (first.ok && second.ok) expect(second.data.id).toBe(first.data.id)
    }
    const all = await booked(s)
    expect(all).toHaveLength(10)
    expect(new Set(all.map((a) => a.profileId)).size).toBe(10)
    expect(new Set(all.map((a) => a.queueNo)).size).toBe(10)
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(0)
  })

  test('one patient tapping every slice of a session at once gets exactly one place', async () => {
    const s = await publishedSession(b, {
      slices: [
        { start: '08:00', end: '08:30', quota: 5 },
        { start: '08:30', end: '09:00', quota: 5 }
      ]
    })
    const father = await profileOf(b, 'li_mei', 'parent')
    const replies = await Promise.all(Array.from({ length: 20 }, (_u, i) => book(b, 'li_mei', s, father, i % 2)))
    expect(codes(replies)).toEqual({ ok: 1, CONFLICT: 19 })
    expect(await count('appointments', { scheduleId: s.id, profileId: father })).toBe(1)
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(9)
  })

  test('one patient booking six sessions at once ends with no more than the active limit', async () => {
    const [p] = await crowd(1, 'greedy')
    const sessions: ScheduleView[] = []
    for (const doctorId of ['doc_1', 'doc_2', 'doc_3', 'doc_4', 'doc_6', 'doc_8']) {
      sessions.push(
        await publishedSession(b, {
          doctorId,
          date: '2026-11-21',
          session: 'evening',
          start: '19:00',
          end: '20:00',
          slices: [{ start: '19:00', end: '20:00', quota: 3 }]
        })
      )
    }
    const replies = await Promise.all(sessions.map((s) => book(b, p.key, s, p.profileId)))
    expect(codes(replies)).toEqual({ ok: 3, CONFLICT: 3 })
    expect(await count('appointments', { profileId: p.profileId, status: 'booked' })).toBe(3)
    const left = await Promise.all(sessions.map((s) => session(b, 'li_mei', s.id)))
    expect(left.reduce((n, s) => n + s.remaining, 0)).toBe(18 - 3)
  })

  test('once a slice is full, a late caller is refused from reads alone; a retry still gets its booking; a freed place is still found', async () => {
    const s = await publishedSession(b, { slices: [{ start: '08:00', end: '09:00', quota: 1 }] })
    const [first, late, newcomer] = await crowd(3, 'late')
    // `late` has booked before (and cancelled): their booking state exists.
    const before = await publishedSession(b, { doctorId: 'doc_4' })
    const earlier = await book(b, late.key, before, late.profileId)
    if (earlier.ok) await b.ok(late.key, 'booking', 'cancel', { id: earlier.data.id }, rid())
    const requestId = rid()
    const won = await book(b, first.key, s, first.profileId, 0, requestId)
    expect(won.ok).toBe(true)
    b.engine.resetRoundTrips()
    expect(await book(b, late.key, s, late.profileId)).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } })
    // The account, then at once the session and the caller's own state, which does not list this
    // request among their recent attempts (so no lost reply to replay): no hold taken and given back.
    expect(b.engine.roundTrips).toBe(3)
    await b.ok(newcomer.key, 'booking', 'myPatients', {}) // signs up (first contact makes the account)
    b.engine.resetRoundTrips()
    expect(await book(b, newcomer.key, s, newcomer.profileId)).toMatchObject({ ok: false, error: { code: 'SLOT_FULL' } })
    expect(b.engine.roundTrips).toBe(4) // and whose profile it is
    expect(await book(b, 'li_mei', s, newcomer.profileId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await book(b, first.key, s, first.profileId, 0, requestId)).toEqual(won)
    if (won.ok) await b.ok(first.key, 'booking', 'cancel', { id: won.data.id }, rid())
    expect(await book(b, late.key, s, late.profileId)).toMatchObject({ ok: true, data: { queueNo: 2 } })
  })

  test('cancellations racing new bookings on a full session never overbook it', async () => {
    const s = await publishedSession(b, { slices: [{ start: '08:00', end: '09:00', quota: 10 }] })
    const first = await crowd(10, 'first')
    const wins = await Promise.all(first.map((p) => book(b, p.key, s, p.profileId)))
    expect(codes(wins)).toEqual({ ok: 10 })
    const second = await crowd(40, 'second')
    await Promise.all([
      ...wins.slice(0, 5).map((w, i) => (w.ok ? b.call(first[i].key, 'booking', 'cancel', { id: w.data.id }, rid()) : Promise.resolve())),
      ...second.map((p) => book(b, p.key, s, p.profileId))
    ])
    const now = await booked(s)
    const left = (await session(b, 'li_mei', s.id)).remaining
    // Every place is either held by exactly one booking or free: none lost, none doubled.
    expect(now.length + left).toBe(10)
    expect(now.length).toBeGreaterThanOrEqual(5)
    expect(new Set(now.map((a) => a.queueNo)).size).toBe(now.length)
    expect(new Set(now.map((a) => a.profileId)).size).toBe(now.length)
  })
})
