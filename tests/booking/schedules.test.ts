/** The scheduler's week: creating sessions, copying a week, publishing, 停诊, and the session desk. */
import { chinaInstant } from '../../types/booking-rules'
import { db } from '../../cloudfunctions/common/db'
import { rid, type TestBackend } from '../helpers/backend'
import { at, book, closeBackend, count, MONDAY, openAt, profileOf, publishedSession, sessionInput } from './helpers'

let b: TestBackend
beforeEach(async () => {
  b = await openAt()
})
afterEach(() => closeBackend(b))

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code)

describe('creating sessions', () => {
  test('a new session is a draft with its slices, and patients do not see it until it is published', async () => {
    const draft = await b.ok('scheduler', 'booking', 'createSession', sessionInput(), rid())
    expect(draft).toMatchObject({
      status: 'draft',
      window: 'draft',
      doctorName: '陈立明',
      homeHospital: '山东大学齐鲁医院',
      departmentName: '心血管内科',
      quota: 4,
      remaining: 4,
      slices: [
        { id: 's0', start: '08:00', end: '08:30', quota: 2, remaining: 2 },
        { id: 's1', start: '08:30', end: '09:00', quota: 2, remaining: 2 }
      ]
    })
    const week = await b.ok('li_mei', 'booking', 'listWeek', {})
    expect(week.sessions.map((s) => s.id)).not.toContain(draft.id)
    expect(code(await b.call('li_mei', 'booking', 'getSession', { id: draft.id }))).toBe('NOT_FOUND')
  })

  test('a 错时门诊 with a custom range keeps its own times', async () => {
    const s = await publishedSession(b, {
      session: 'custom',
      start: '11:30',
      end: '13:00',
      slices: [
        { start: '11:30', end: '12:15', quota: 3 },
        { start: '12:15', end: '13:00', quota: 3 }
      ]
    })
    expect(s).toMatchObject({ session: 'custom', start: '11:30', end: '13:00', quota: 6, window: 'open' })
  })

  test('slices outside the session or overlapping are refused, naming the slice in Chinese, and nothing is saved', async () => {
    const before = await count('schedules', {})
    const res = await b.call(
      'scheduler',
      'booking',
      'createSession',
      sessionInput({
        slices: [
          { start: '08:00', end: '08:40', quota: 3 },
          { start: '08:30', end: '09:30', quota: 3 }
        ]
      }),
      rid()
    )
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'slices.1.start': '第2个时段（08:30-09:30）超出了出诊时间08:00-09:00' } }
    })
    const zero = await b.call(
      'scheduler',
      'booking',
      'createSession',
      sessionInput({ slices: [{ start: '08:00', end: '09:00', quota: 0 }] }),
      rid()
    )
    expect(zero).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'slices.0.quota': '每个时段至少1个号' } } })
    expect(await count('schedules', {})).toBe(before)
  })

  test("a doctor's overlapping sessions on one day are refused", async () => {
    await publishedSession(b)
    const clash = await b.call(
      'scheduler',
      'booking',
      'createSession',
      sessionInput({ start: '08:30', end: '10:00', slices: [{ start: '08:30', end: '10:00', quota: 4 }] }),
      rid()
    )
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '陈立明在11月23日 周一 08:00-09:00已有出诊，时间不能重叠' }
    })
  })

  test('a session for today or earlier is refused', async () => {
    const res = await b.call('scheduler', 'booking', 'createSession', sessionInput({ date: '2026-11-18' }), rid())
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { date: '只能安排明天及以后的出诊' } } })
  })

  test('a draft can be edited; a published session cannot', async () => {
    const draft = await b.ok('scheduler', 'booking', 'createSession', sessionInput(), rid())
    const edited = await b.ok('scheduler', 'booking', 'updateSession', { ...sessionInput({ fee: 3000 }), id: draft.id })
    expect(edited.fee).toBe(3000)
    await b.ok('scheduler', 'booking', 'publish', { ids: [draft.id] })
    const res = await b.call('scheduler', 'booking', 'updateSession', { ...sessionInput({ fee: 100 }), id: draft.id })
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})

describe('publishing', () => {
  test('publishing sets the release (19:00 a week ahead) and the cutoff (15:00 the day before) in China time', async () => {
    const s = await publishedSession(b, { date: '2026-11-30' })
    expect(s.status).toBe('published')
    expect(s.releaseAt).toBe(chinaInstant('2026-11-23', '19:00'))
    expect(s.cutoffAt).toBe(chinaInstant('2026-11-29', '15:00'))
    expect(s.windowText).toBe('将于11月23日（周一）19:00开放预约')
  })

  test("the hospital's own settings decide the window", async () => {
    await db()
      .collection('settings')
      .add({ _id: 'hospital', booking: { releaseTime: '08:00', releaseDaysAhead: 14, cutoffTime: '12:00', cutoffDaysBefore: 2 } })
    const { clearSettingsCache } = await import('../../cloudfunctions/common/settings')
    clearSettingsCache()
    const s = await publishedSession(b, { date: '2026-11-30' })
    expect(s.releaseAt).toBe(chinaInstant('2026-11-16', '08:00'))
    expect(s.cutoffAt).toBe(chinaInstant('2026-11-28', '12:00'))
    clearSettingsCache()
  })

  test('publishing a week twice changes nothing the second time', async () => {
    const draft = await b.ok('scheduler', 'booking', 'createSession', sessionInput(), rid())
    const once = await b.ok('scheduler', 'booking', 'publish', { ids: [draft.id] })
    const twice = await b.ok('scheduler', 'booking', 'publish', { ids: [draft.id] })
    expect([once.published, twice.published]).toEqual([1, 0])
    expect(await count('status_events', { docId: draft.id })).toBe(1)
  })
})

describe('copying last week to the next', () => {
  test("this week's sessions become next week's drafts with fresh quotas; copying again adds nothing", async () => {
    const mine = await publishedSession(b, {
      date: '2026-11-20',
      doctorId: 'doc_4',
      start: '15:00',
      end: '16:00',
      session: 'pm',
      slices: [{ start: '15:00', end: '16:00', quota: 5 }]
    })
    const people = await profileOf(b, 'li_mei', 'self')
    await book(b, 'li_mei', mine, people)
    const first = await b.ok('scheduler', 'booking', 'copyWeek', { fromWeekStart: '2026-11-18' }, rid())
    expect(first.weekStart).toBe('2026-11-23')
    expect(first.created).toBeGreaterThan(0)
    const next = await b.ok('scheduler', 'booking', 'weekSchedules', {
      weekStart: '2026-11-23',
      doctorId: 'doc_4'
    })
    const copy = next.sessions.find((s) => s.date === '2026-11-27' && s.start === '15:00')
    expect(copy).toMatchObject({ status: 'draft', remaining: 5, quota: 5 })
    const again = await b.ok('scheduler', 'booking', 'copyWeek', { fromWeekStart: '2026-11-18' }, rid())
    expect(again.created).toBe(0)
  })
})

describe('the scheduler’s week', () => {
  test('opens on next week without the app asking for a date; a given week is kept', async () => {
    const next = await b.ok('scheduler', 'booking', 'weekSchedules', {})
    expect(next).toMatchObject({ weekStart: '2026-11-23', today: '2026-11-18' })
    const asked = await b.ok('scheduler', 'booking', 'weekSchedules', { weekStart: '2026-11-19' })
    expect(asked.weekStart).toBe('2026-11-16')
  })
})

describe('停诊: closing a session', () => {
  test('cancels every booking with the reason, frees nothing, clears the waitlist and tells each patient', async () => {
    const s = await publishedSession(b, { slices: [{ start: '08:00', end: '09:00', quota: 2 }] })
    const father = await profileOf(b, 'li_mei', 'parent')
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    const a1 = await book(b, 'li_mei', s, father)
    const a2 = await book(b, 'zhang_wei', s, zhang)
    expect(a1.ok && a2.ok).toBe(true)
    const limei = await profileOf(b, 'li_mei', 'self')
    await b.ok('li_mei', 'booking', 'joinWaitlist', { scheduleId: s.id, profileId: limei }, rid())

    const closed = await b.ok('scheduler', 'booking', 'closeSession', { id: s.id, reason: '专家临时外出会诊' }, rid())
    expect(closed.cancelled).toBe(2)
    expect(closed.session).toMatchObject({ status: 'closed', window: 'closed', remaining: 0, closeReason: '专家临时外出会诊' })

    const mine = await b.ok('li_mei', 'booking', 'listMine', {})
    const seen = mine.past.find((a) => a.scheduleId === s.id)
    expect(seen).toMatchObject({ status: 'cancelled', cancelledBy: 'hospital', cancelReason: '专家临时外出会诊' })
    expect(mine.waiting.map((w) => w.scheduleId)).not.toContain(s.id)
    const messages = await b.ok('li_mei', 'account', 'listMessages', {})
    expect(messages.messages.map((m) => m.title)).toEqual(expect.arrayContaining(['停诊通知', '候补的出诊已停诊']))
    expect(messages.messages.find((m) => m.title === '停诊通知')?.body).toContain('专家临时外出会诊')
    expect(await count('outbox', { accountId: b.accountId('zhang_wei'), kind: 'booking_closed' })).toBe(1)

    // Nobody can book the closed session, and the freed places went to no one.
    const after = await book(b, 'li_mei', s, limei)
    expect(after).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该出诊已停诊：专家临时外出会诊' } })
    // The patients' holds are released: 李德福 may book elsewhere in the same slot of time.
    const { patients } = await b.ok('li_mei', 'booking', 'myPatients', {})
    expect(patients.find((p) => p.id === father)?.activeCount).toBe(2)
  })

  test('after 停诊 the desk still lists who was affected, and its counts add up', async () => {
    const s = await publishedSession(b)
    const father = await profileOf(b, 'li_mei', 'parent')
    const zhang = await profileOf(b, 'zhang_wei', 'self')
    await book(b, 'li_mei', s, father, 0)
    const own = await book(b, 'zhang_wei', s, zhang, 1)
    const limei = await profileOf(b, 'li_mei', 'self')
    await book(b, 'li_mei', s, limei, 1)
    // 张伟 cancels himself first: his place went back, so the desk no longer lists him.
    await b.ok('zhang_wei', 'booking', 'cancel', { id: own.ok ? own.data.id : '' }, rid())
    const closed = await b.ok('scheduler', 'booking', 'closeSession', { id: s.id, reason: '专家临时外出会诊' }, rid())
    const desk = await b.ok('scheduler', 'booking', 'sessionBookings', { id: s.id })
    expect(desk.slices.map((x) => x.bookings.map((a) => `${a.nameMasked} ${a.status}`))).toEqual([['李*福 cancelled'], ['李* cancelled']])
    // The desk's 停诊取消 count is the one 停诊 reported.
    expect(desk.slices.reduce((n, x) => n + x.bookings.length, 0)).toBe(closed.cancelled)
  })

  test('closing again finishes without sending anyone a second message', async () => {
    const s = await publishedSession(b)
    const father = await profileOf(b, 'li_mei', 'parent')
    await book(b, 'li_mei', s, father)
    await b.ok('scheduler', 'booking', 'closeSession', { id: s.id, reason: '设备检修' }, rid())
    const again = await b.ok('scheduler', 'booking', 'closeSession', { id: s.id, reason: '设备检修' }, rid())
    expect(again.cancelled).toBe(0)
    expect(await count('outbox', { accountId: b.accountId('li_mei'), kind: 'booking_closed' })).toBe(1)
  })
})

describe('the session desk', () => {
  test('bookings by slice with masked names; opening one is audited', async () => {
    const s = await publishedSession(b)
    const father = await profileOf(b, 'li_mei', 'parent')
    const booked = await book(b, 'li_mei', s, father, 1)
    const desk = await b.ok('scheduler', 'booking', 'sessionBookings', { id: s.id })
    expect(desk.slices[0].bookings).toEqual([])
    expect(desk.slices[1].bookings).toEqual([
      expect.objectContaining({ nameMasked: '李*福', phoneMasked: '139****7721', queueNo: 3, channel: 'family' })
    ])
    const id = booked.ok ? booked.data.id : ''
    const opened = await b.ok('scheduler', 'booking', 'revealPatient', { appointmentId: id })
    expect(opened).toMatchObject({ name: '李德福', phone: '13953187721' })
    expect(await count('audit_log', { action: 'revealPatient', 'actor.accountId': b.accountId('scheduler') })).toBe(1)
  })

  test('the desk checks a patient in on the day', async () => {
    const s = await publishedSession(b)
    const father = await profileOf(b, 'li_mei', 'parent')
    const booked = await book(b, 'li_mei', s, father)
    const id = booked.ok ? booked.data.id : ''
    at(MONDAY, '07:55')
    const checked = await b.ok('scheduler', 'booking', 'staffCheckIn', { id })
    expect(checked.status).toBe('checked_in')
    const twice = await b.call('scheduler', 'booking', 'staffCheckIn', { id })
    expect(code(twice)).toBe('CONFLICT')
  })
})
