/** Patients and families booking, cancelling and checking in, on the embedded engine through the real SDK. */
import type { AppointmentView, ScheduleView } from '../../types/booking'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import { addDays } from '../../types/booking-rules'
import { rid, type TestBackend } from '../helpers/backend'
import { db } from '../../cloudfunctions/common/db'
import { at, book, closeBackend, count, crowd, MONDAY, openAt, profileOf, publishedSession, session } from './helpers'

let b: TestBackend
let s: ScheduleView
let limei: string
let father: string

beforeEach(async () => {
  b = await openAt()
  s = await publishedSession(b)
  limei = await profileOf(b, 'li_mei', 'self')
  father = await profileOf(b, 'li_mei', 'parent')
})
afterEach(() => closeBackend(b))

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code)
const message = (res: { ok: boolean; error?: { message: string } }) => (res.ok ? '' : res.error!.message)

describe('booking a slice', () => {
  test('a patient books a slice and sees the queue number, time, place and what to bring', async () => {
    const res = await book(b, 'li_mei', s, limei)
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data).toMatchObject({
      status: 'booked',
      patientName: '李梅',
      channel: 'self',
      queueNo: 1,
      date: MONDAY,
      start: '08:00',
      end: '08:30',
      place: '门诊楼2楼 心血管内科 诊室3',
      doctorName: '陈立明',
      hospitalName: '济阳区中医医院',
      fee: 5000,
      cancel: { allowed: true }
    })
    expect(res.data.whatToBring.join('')).toContain('身份证或医保卡')
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(1)
  })

  test('a daughter booking for her father records channel family', async () => {
    const res = await book(b, 'li_mei', s, father)
    expect(res.ok && res.data).toMatchObject({ patientName: '李德福', channel: 'family' })
  })

  test('numbers follow arrival within a slice and start after the earlier quotas in the next slice', async () => {
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    const first = await book(b, 'li_mei', s, limei, 1)
    const second = await book(b, 'zhang_wei', s, zhang, 1)
    const third = await book(b, 'li_mei', s, father, 0)
    expect([first, second, third].map((r) => (r.ok ? r.data.queueNo : 0))).toEqual([3, 4, 1])
  })

  test('a patient cannot book a second slot in the same session', async () => {
    expect(code(await book(b, 'li_mei', s, father, 0))).toBe('ok')
    const again = await book(b, 'li_mei', s, father, 1)
    expect(code(again)).toBe('CONFLICT')
    expect(message(again)).toContain('同一场出诊只能预约一次')
    expect((await session(b, 'li_mei', s.id)).slices[1].remaining).toBe(2)
  })

  test('a patient with three appointments waiting to be seen cannot book a fourth', async () => {
    // 李梅 already has one (the seeded 神经内科 session); two more reach the limit of three.
    const more = []
    for (const doctorId of ['doc_2', 'doc_4']) more.push(await publishedSession(b, { doctorId }))
    expect(code(await book(b, 'li_mei', s, limei))).toBe('ok')
    expect(code(await book(b, 'li_mei', more[0], limei))).toBe('ok')
    const fourth = await book(b, 'li_mei', more[1], limei)
    expect(code(fourth)).toBe('CONFLICT')
    expect(message(fourth)).toBe('李梅已有3个待就诊的预约，就诊或取消其中一个后才能再预约')
    expect((await session(b, 'li_mei', more[1].id)).remaining).toBe(4)
    const { patients } = await b.ok('li_mei', 'booking', 'myPatients', {})
    expect(patients.find((p) => p.id === limei)).toMatchObject({ activeCount: 3, maxActive: 3, ban: null })
  })

  test("another family's profile cannot be booked, and nothing is taken", async () => {
    const zihan = await profileOf(b, 'zhang_wei', 'child')
    const res = await book(b, 'li_mei', s, zihan)
    expect(code(res)).toBe('NOT_FOUND')
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(4)
    expect(await count('appointments', { scheduleId: s.id })).toBe(0)
  })

  test('a full slice says so; when the whole session is full the patient is offered the waitlist', async () => {
    const people = await crowd(5)
    expect(code(await book(b, people[0].key, s, people[0].profileId, 0))).toBe('ok')
    expect(code(await book(b, people[1].key, s, people[1].profileId, 0))).toBe('ok')
    const sliceFull = await book(b, people[2].key, s, people[2].profileId, 0)
    expect(code(sliceFull)).toBe('SLOT_FULL')
    expect(message(sliceFull)).toBe('08:00-08:30时段已约满，请选择其他时段')
    expect(code(await book(b, people[2].key, s, people[2].profileId, 1))).toBe('ok')
    expect(code(await book(b, people[3].key, s, people[3].profileId, 1))).toBe('ok')
    const sessionFull = await book(b, people[4].key, s, people[4].profileId, 1)
    expect(code(sessionFull)).toBe('SLOT_FULL')
    expect(message(sessionFull)).toContain('可以加入候补')
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(0)
  })

  test('a draft session cannot be booked', async () => {
    const draft = await b.ok(
      'scheduler',
      'booking',
      'createSession',
      { ...sessionOf(s), start: '14:00', end: '15:00', session: 'pm', slices: [{ start: '14:00', end: '15:00', quota: 3 }] },
      rid()
    )
    expect(code(await book(b, 'li_mei', draft, limei))).toBe('NOT_FOUND')
  })
})

function sessionOf(v: ScheduleView) {
  return {
    doctorId: v.doctorId,
    date: v.date,
    session: v.session,
    start: v.start,
    end: v.end,
    clinicType: v.clinicType,
    fee: v.fee,
    place: v.place,
    returnVisit: v.returnVisit,
    slices: v.slices.map((x) => ({ start: x.start, end: x.end, quota: x.quota }))
  }
}

describe('the release time and the cutoff, in China time', () => {
  test('before the release the patient is told when booking opens', async () => {
    const later = await publishedSession(b, { date: '2026-11-30' })
    const res = await book(b, 'li_mei', later, limei)
    expect(code(res)).toBe('OUTSIDE_WINDOW')
    expect(message(res)).toBe('将于11月23日（周一）19:00开放预约')
    at('2026-11-23', '18:59')
    expect(code(await book(b, 'li_mei', later, limei))).toBe('OUTSIDE_WINDOW')
    at('2026-11-23', '19:00')
    expect(code(await book(b, 'li_mei', later, limei))).toBe('ok')
  })

  test('booking stops at 15:00 the day before', async () => {
    at('2026-11-22', '14:59')
    expect(code(await book(b, 'li_mei', s, limei))).toBe('ok')
    at('2026-11-22', '15:00')
    const late = await book(b, 'li_mei', s, father)
    expect(code(late)).toBe('OUTSIDE_WINDOW')
    expect(message(late)).toBe('已于11月22日（周日）15:00停止预约')
  })
})

describe('retries on a bad network', () => {
  test('the same requestId sent again returns the same appointment and takes no second place', async () => {
    const requestId = rid()
    const first = await book(b, 'li_mei', s, father, 0, requestId)
    const again = await book(b, 'li_mei', s, father, 0, requestId)
    expect(again).toEqual(first)
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(3)
  })

  test('a booking retried after it was cancelled and its slice filled answers with that booking, not 已约满', async () => {
    const requestId = rid()
    const first = await book(b, 'li_mei', s, father, 0, requestId)
    if (!first.ok) throw new Error(first.error.message)
    await b.ok('li_mei', 'booking', 'cancel', { id: first.data.id, reason: '父亲身体不适，改天再来' }, rid())
    const others = await crowd(2, 'fill')
    for (const p of others) expect(code(await book(b, p.key, s, p.profileId, 0))).toBe('ok')
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(0)
    // The reply lost on the way reaches her now: her booking, as it stands (cancelled), and no place taken.
    const again = await book(b, 'li_mei', s, father, 0, requestId)
    expect(again).toMatchObject({ ok: true, data: { id: first.data.id, status: 'cancelled' } })
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(0)
    expect(await count('appointments', { scheduleId: s.id, profileId: father })).toBe(1)
  })

  test('a retry still answers with its cancelled booking when the state was written before recent attempts were kept', async () => {
    const requestId = rid()
    const first = await book(b, 'li_mei', s, father, 0, requestId)
    if (!first.ok) throw new Error(first.error.message)
    expect((await db().collection('booking_patients').doc(father).get()).data[0].recentBookings).toContain(first.data.id)
    await b.ok('li_mei', 'booking', 'cancel', { id: first.data.id, reason: '父亲身体不适，改天再来' }, rid())
    await db().collection('booking_patients').doc(father).update({ recentBookings: db().command.remove() })
    for (const p of await crowd(2, 'fill')) expect(code(await book(b, p.key, s, p.profileId, 0))).toBe('ok')
    const again = await book(b, 'li_mei', s, father, 0, requestId)
    expect(again).toMatchObject({ ok: true, data: { id: first.data.id, status: 'cancelled' } })
    // Another request of hers on the full slice is refused: it never held her, so nothing is replayed.
    expect(code(await book(b, 'li_mei', s, father, 0))).toBe('SLOT_FULL')
  })

  test('five copies of one request racing each other make one booking', async () => {
    const requestId = rid()
    const replies = await Promise.all(Array.from({ length: 5 }, () => book(b, 'li_mei', s, father, 0, requestId)))
    const ids = new Set(replies.map((r) => (r.ok ? r.data.id : r.error.code)))
    expect(ids.size).toBe(1)
    expect(replies.every((r) => r.ok)).toBe(true)
    expect(await count('appointments', { scheduleId: s.id })).toBe(1)
    expect((await session(b, 'li_mei', s.id)).remaining).toBe(3)
  })
})

describe('我的预约: cancel, check in, visit', () => {
  test('cancelling before the cutoff frees the place; the list shows it under past with the reason', async () => {
    const booked = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    const cancelled = await b.ok('li_mei', 'booking', 'cancel', { id: booked.id, reason: '父亲身体不适，改天再来' }, rid())
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'patient', cancelReason: '父亲身体不适，改天再来' })
    expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(2)
    const mine = await b.ok('li_mei', 'booking', 'listMine', {})
    expect(mine.upcoming.map((a) => a.id)).not.toContain(booked.id)
    expect(mine.past.find((a) => a.id === booked.id)?.cancelReason).toBe('父亲身体不适，改天再来')
    // The place is free again: the same patient may book the session once more.
    expect(code(await book(b, 'li_mei', s, father))).toBe('ok')
  })

  test('a cancellation without a reason carries none (the app says who cancelled, not 本人取消：本人取消)', async () => {
    const booked = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    const cancelled = await b.ok('li_mei', 'booking', 'cancel', { id: booked.id }, rid())
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'patient', channel: 'family', cancelReason: '' })
  })

  test('after the cutoff the cancel button says why not, and cancelling is refused', async () => {
    const booked = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    at('2026-11-22', '16:00')
    const seen = await b.ok('li_mei', 'booking', 'getAppointment', { id: booked.id })
    expect(seen.cancel).toEqual({ allowed: false, reason: '已过取消截止时间（11月22日（周日）15:00），如不能就诊请致电医院' })
    const res = await b.call('li_mei', 'booking', 'cancel', { id: booked.id }, rid())
    expect(code(res)).toBe('OUTSIDE_WINDOW')
    expect(await count('appointments', { _id: booked.id, status: 'booked' })).toBe(1)
  })

  test('check-in works on the day only, and the desk then completes the visit, ending the hold', async () => {
    const booked = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    const early = await b.call('li_mei', 'booking', 'checkIn', { id: booked.id })
    expect(code(early)).toBe('OUTSIDE_WINDOW')
    expect(message(early)).toBe('就诊当天（11月23日 周一）才能签到')
    at(MONDAY, '07:40')
    const checked = await b.ok('li_mei', 'booking', 'checkIn', { id: booked.id })
    expect(checked.status).toBe('checked_in')
    at(MONDAY, '08:20')
    await b.ok('scheduler', 'booking', 'complete', { id: booked.id })
    const { patients } = await b.ok('li_mei', 'booking', 'myPatients', {})
    expect(patients.find((p) => p.id === father)?.activeCount).toBe(2) // the two seeded bookings
  })

  test("a family cannot cancel or check in another family's appointment", async () => {
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    const theirs = await b.ok('zhang_wei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: zhang }, rid())
    expect(code(await b.call('li_mei', 'booking', 'cancel', { id: theirs.id }, rid()))).toBe('NOT_FOUND')
    expect(code(await b.call('li_mei', 'booking', 'getAppointment', { id: theirs.id }))).toBe('NOT_FOUND')
    expect(await count('appointments', { _id: theirs.id, status: 'booked' })).toBe(1)
  })
})

describe('三天有效: the free return visit', () => {
  test('a completed visit offers one free return visit to the same department within three days', async () => {
    const visit = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    at(MONDAY, '07:50')
    await b.ok('scheduler', 'booking', 'staffCheckIn', { id: visit.id })
    at(MONDAY, '08:30')
    await b.ok('scheduler', 'booking', 'complete', { id: visit.id })
    // The department's next session, on Wednesday; a session a week later is too late.
    at(MONDAY, '09:00')
    const wednesday = await publishedSession(b, { date: addDays(MONDAY, 2), session: 'pm', start: '14:00', end: '15:00' })
    const tooLate = await publishedSession(b, { date: addDays(MONDAY, 5), session: 'pm', start: '14:00', end: '15:00' })
    const offer = (await b.ok('li_mei', 'booking', 'getAppointment', { id: visit.id })).returnVisit
    expect(offer).toEqual({ until: addDays(MONDAY, 3), departmentName: '心血管内科' })
    const options = await b.ok('li_mei', 'booking', 'returnVisitOptions', { appointmentId: visit.id })
    const offered = options.sessions.map((x) => x.id)
    expect(offered).toContain(wednesday.id)
    expect(offered).not.toContain(tooLate.id)
    expect(options.sessions.every((x) => x.departmentName === '心血管内科' && x.window === 'open')).toBe(true)

    const late = await b.call(
      'li_mei',
      'booking',
      'book',
      { scheduleId: tooLate.id, sliceId: 's0', profileId: father, returnOf: visit.id },
      rid()
    )
    expect(code(late)).toBe('OUTSIDE_WINDOW')
    const free = await b.ok(
      'li_mei',
      'booking',
      'book',
      { scheduleId: wednesday.id, sliceId: 's0', profileId: father, returnOf: visit.id },
      rid()
    )
    expect(free).toMatchObject({ fee: 0, returnOf: visit.id })
    expect(free.whatToBring.join('')).toContain('复诊免挂号费')
    expect((await b.ok('li_mei', 'booking', 'getAppointment', { id: visit.id })).returnVisit).toBeNull()
  })

  test('a visit that was not completed offers no return visit', async () => {
    const visit = await b.ok('li_mei', 'booking', 'book', { scheduleId: s.id, sliceId: 's0', profileId: father }, rid())
    const res = await b.call('li_mei', 'booking', 'returnVisitOptions', { appointmentId: visit.id })
    expect(code(res)).toBe('CONFLICT')
  })
})

describe('removing a patient profile', () => {
  /** A family with nothing seeded: 刘洋 adds his mother. */
  async function freshParent(): Promise<string> {
    await b.ok('liu_yang', 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
    const p = await b.ok(
      'liu_yang',
      'account',
      'addProfile',
      { name: '王桂兰', idNumber: '370125195003150020', phone: '13905310000', relation: 'parent' },
      rid()
    )
    return p.id
  }

  test('a profile with an appointment to come cannot be removed until it is cancelled', async () => {
    const mother = await freshParent()
    const booked = await book(b, 'liu_yang', s, mother)
    if (!booked.ok) throw new Error(message(booked))
    const refused = await b.call('liu_yang', 'account', 'removeProfile', { id: mother })
    expect(message(refused)).toBe('这位就诊人还有未就诊的预约，请先取消预约再删除')
    await b.ok('liu_yang', 'booking', 'cancel', { id: (booked.data as AppointmentView).id, reason: '不去了' }, rid())
    expect((await b.call('liu_yang', 'account', 'removeProfile', { id: mother })).ok).toBe(true)
  })

  test('a removed profile cannot be booked any more, not even by the hotline', async () => {
    const mother = await freshParent()
    // Booked once and cancelled: her booking state exists, which is what the hot path checks.
    const booked = await book(b, 'liu_yang', s, mother)
    if (!booked.ok) throw new Error(message(booked))
    await b.ok('liu_yang', 'booking', 'cancel', { id: (booked.data as AppointmentView).id, reason: '不去了' }, rid())
    await b.ok('liu_yang', 'account', 'removeProfile', { id: mother })
    expect(code(await book(b, 'liu_yang', s, mother))).toBe('NOT_FOUND')
    const hotline = await b.call(
      'hotline',
      'booking',
      'hotlineBook',
      { profileId: mother, scheduleId: s.id, sliceId: s.slices[0].id },
      rid()
    )
    expect(code(hotline)).toBe('NOT_FOUND')
  })
})
