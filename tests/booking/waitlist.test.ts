/** 候补: joining a full session, leaving, and getting the place someone gives back. */
import type { AppointmentView, ScheduleView } from '../../types/booking'
import { db } from '../../cloudfunctions/common/db'
import { rid, type TestBackend } from '../helpers/backend'
import { now, setNow } from '../../cloudfunctions/common/clock'
import { book, closeBackend, count, crowd, openAt, profileOf, publishedSession, session } from './helpers'

let b: TestBackend
let s: ScheduleView
let people: Array<{ key: string; profileId: string }>
let booked: AppointmentView[]

beforeEach(async () => {
  b = await openAt()
  s = await publishedSession(b, {
    slices: [
      { start: '08:00', end: '08:30', quota: 1 },
      { start: '08:30', end: '09:00', quota: 1 }
    ]
  })
  people = await crowd(2, 'full')
  booked = []
  for (const [i, p] of people.entries()) {
    const res = await book(b, p.key, s, p.profileId, i)
    if (!res.ok) throw new Error(res.error.message)
    booked.push(res.data)
  }
})
afterEach(() => closeBackend(b))

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code)
/**
 * Joins the waitlist, then lets a second pass: the clock is frozen in these tests, and two tickets
 * joined at the same instant have no order but their random ids.
 */
const join = async (as: string, profileId: string) => {
  const res = await b.call(as, 'booking', 'joinWaitlist', { scheduleId: s.id, profileId }, rid())
  setNow(new Date(now().getTime() + 1000))
  return res
}

describe('the waitlist', () => {
  test('a patient may join only when the whole session is full, and only once', async () => {
    const open = await publishedSession(b, { doctorId: 'doc_4' })
    const father = await profileOf(b, 'li_mei', 'parent')
    expect(await b.call('li_mei', 'booking', 'joinWaitlist', { scheduleId: open.id, profileId: father }, rid())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '本场还有号，可以直接预约' }
    })
    const first = await join('li_mei', father)
    expect(first.ok && first.data).toMatchObject({ status: 'waiting', position: 1, patientName: '李德福' })
    expect(code(await join('li_mei', father))).toBe('CONFLICT')
  })

  test('when someone cancels, the first in line gets the same slice and is told', async () => {
    const father = await profileOf(b, 'li_mei', 'parent')
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    await join('li_mei', father)
    await join('zhang_wei', zhang)
    const mine = await b.ok('zhang_wei', 'booking', 'listMine', {})
    expect(mine.waiting.find((w) => w.scheduleId === s.id)?.position).toBe(2)

    await b.ok(people[1].key, 'booking', 'cancel', { id: booked[1].id }, rid())

    const after = await b.ok('li_mei', 'booking', 'listMine', {})
    const promoted = after.upcoming.find((a) => a.scheduleId === s.id)
    expect(promoted).toMatchObject({
      patientName: '李德福',
      channel: 'family',
      fromWaitlist: true,
      start: '08:30',
      end: '09:00',
      queueNo: 3
    })
    expect(after.waiting.map((w) => w.scheduleId)).not.toContain(s.id)
    const messages = await b.ok('li_mei', 'account', 'listMessages', {})
    expect(messages.messages.find((m) => m.title === '候补成功')?.body).toContain('第3号')
    // The place went to the waiter, not back to the pool; 张伟 is now first in line.
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(0)
    const zhangNow = await b.ok('zhang_wei', 'booking', 'listMine', {})
    expect(zhangNow.waiting.find((w) => w.scheduleId === s.id)?.position).toBe(1)
    // The ticket moved through the workflow table, as the system, and the move is on record.
    const ticket = (await db().collection('booking_waitlist').where({ scheduleId: s.id, profileId: father }).get()).data[0] as {
      _id: string
    }
    const events = await db().collection('status_events').where({ docId: ticket._id }).get()
    expect(events.data).toMatchObject([{ collection: 'booking_waitlist', from: 'waiting', to: 'promoted', by: { roles: ['system'] } }])
  })

  test('a waiter who may no longer book (banned since) is passed over for the next one', async () => {
    const father = await profileOf(b, 'li_mei', 'parent')
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    await join('li_mei', father)
    await join('zhang_wei', zhang)
    await db()
      .collection('booking_patients')
      .doc(father)
      .update({ bannedUntil: '2027-03-01T00:00:00.000Z', banReason: '90天内3次预约未就诊（爽约）' })
    await b.ok(people[0].key, 'booking', 'cancel', { id: booked[0].id }, rid())
    const zhangs = await b.ok('zhang_wei', 'booking', 'listMine', {})
    expect(zhangs.upcoming.find((a) => a.scheduleId === s.id)).toMatchObject({ patientName: '张伟', start: '08:00', fromWaitlist: true })
    expect(await count('booking_waitlist', { scheduleId: s.id, profileId: father, status: 'waiting' })).toBe(1)
  })

  test('with nobody waiting, a cancellation gives the place back to everyone', async () => {
    await b.ok(people[0].key, 'booking', 'cancel', { id: booked[0].id }, rid())
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(1)
  })

  test('leaving the waitlist takes the patient out of the line', async () => {
    const father = await profileOf(b, 'li_mei', 'parent')
    const ticket = await join('li_mei', father)
    const id = ticket.ok ? ticket.data.id : ''
    const left = await b.ok('li_mei', 'booking', 'leaveWaitlist', { id })
    expect(left).toMatchObject({ status: 'left', position: 0 })
    const events = await db().collection('status_events').where({ docId: id }).get()
    expect(events.data).toMatchObject([{ from: 'waiting', to: 'left', by: { accountId: b.accountId('li_mei'), roles: ['patient'] } }])
    expect(code(await b.call('li_mei', 'booking', 'leaveWaitlist', { id }))).toBe('CONFLICT')
    await b.ok(people[0].key, 'booking', 'cancel', { id: booked[0].id }, rid())
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(1)
    expect(code(await b.call('zhang_wei', 'booking', 'leaveWaitlist', { id }))).toBe('NOT_FOUND')
  })
})
