/** The timers: booking's no-shows and the ban, finished visits, day-before reminders; jobs' sending of the outbox. */
import type { AppointmentView, ScheduleView } from '../../types/booking'
import { chinaInstant } from '../../types/booking-rules'
import { cloudFunctions, timerTriggers } from '../../cloudfunctions/registry'
import { db } from '../../cloudfunctions/common/db'
import { setSubscribeSender, type SubscribeMessage } from '../../cloudfunctions/common/outbox'
import { timerContext } from '../../cloudfunctions/local/timers'
import { killedAtWriteTo, rid, type TestBackend } from '../helpers/backend'
import { at, book, closeBackend, count, crowd, MONDAY, openAt, profileOf, publishedSession } from './helpers'

let b: TestBackend
let father: string
beforeEach(async () => {
  b = await openAt()
  father = await profileOf(b, 'li_mei', 'parent')
})
afterEach(() => {
  setSubscribeSender(undefined)
  return closeBackend(b)
})

/** Which function a timer belongs to comes from the registry, as CloudBase's triggers do. */
async function fire(name: string): Promise<Record<string, number>> {
  const fn = timerTriggers.find((t) => t.name === name)!.fn
  const res = await cloudFunctions[fn].main({ Type: 'Timer', TriggerName: name, Time: new Date().toISOString() }, timerContext(fn))
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`)
  return res.data as Record<string, number>
}

async function booked(s: ScheduleView, profileId = father): Promise<AppointmentView> {
  const res = await book(b, 'li_mei', s, profileId)
  if (!res.ok) throw new Error(res.error.message)
  return res.data
}

const patient = async (id: string) => (await b.ok('li_mei', 'booking', 'myPatients', {})).patients.find((p) => p.id === id)!

describe('after a session ends', () => {
  test('a booking nobody checked in for becomes a no-show; a check-in becomes a completed visit', async () => {
    const s = await publishedSession(b)
    const limei = await profileOf(b, 'li_mei', 'self')
    const missed = await booked(s)
    const came = await booked(s, limei)
    at(MONDAY, '08:05')
    await b.ok('li_mei', 'booking', 'checkIn', { id: came.id })
    const statusOf = async (id: string) => (await b.ok('li_mei', 'booking', 'getAppointment', { id })).status
    at(MONDAY, '08:59')
    await fire('markNoShows')
    expect([await statusOf(missed.id), await statusOf(came.id)]).toEqual(['booked', 'checked_in'])
    at(MONDAY, '09:00')
    const counts = await fire('markNoShows')
    expect(counts.noShows).toBeGreaterThanOrEqual(1)
    expect(counts.completed).toBe(1)
    expect([await statusOf(missed.id), await statusOf(came.id)]).toEqual(['no_show', 'completed'])
    // Neither hold counts any more (李德福's seeded bookings have ended too); a second run finds nothing to do.
    expect((await patient(father)).activeCount).toBe(0)
    expect(await fire('markNoShows')).toMatchObject({ noShows: 0, completed: 0 })
  })

  test('the third no-show in 90 days bars booking for 90 days, shown with its reason and end date; an admin lifts it', async () => {
    const [p] = await crowd(1, 'missing')
    const patientOf = async () => (await b.ok(p.key, 'booking', 'myPatients', {})).patients[0]
    const dates = ['2026-11-22', '2026-11-23', '2026-11-24']
    for (const date of dates) {
      const s = await publishedSession(b, { date })
      expect(await book(b, p.key, s, p.profileId)).toMatchObject({ ok: true })
    }
    for (const date of dates) {
      expect((await patientOf()).ban).toBeNull()
      at(date, '12:00')
      await fire('markNoShows')
    }
    expect((await patientOf()).ban).toEqual({
      until: new Date(Date.parse(chinaInstant('2026-11-24', '09:00')) + 90 * 86400_000).toISOString(),
      reason: '90天内3次预约未就诊（爽约）',
      text: '90天内3次预约未就诊（爽约），2027年2月22日前不能预约挂号'
    })
    expect(await count('outbox', { accountId: b.accountId(p.key), kind: 'booking_banned' })).toBe(1)

    const s = await publishedSession(b, { date: '2026-12-01', doctorId: 'doc_4' })
    at('2026-11-25', '13:00')
    const refused = await book(b, p.key, s, p.profileId)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '90天内3次预约未就诊（爽约），2027年2月22日前不能预约挂号' }
    })

    const bans = await b.ok('admin', 'booking', 'listBans', {})
    expect(bans.patients.map((x) => x.profileId)).toContain(p.profileId)
    expect(bans.patients.map((x) => x.nameMasked)).toContain('赵*芳') // the demo hotline caller
    expect(await b.call('admin', 'booking', 'liftBan', { profileId: p.profileId, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    await b.ok('admin', 'booking', 'liftBan', { profileId: p.profileId, reason: '患者当日住院，已核实' })
    expect((await patientOf()).ban).toBeNull()
    expect(await book(b, p.key, s, p.profileId)).toMatchObject({ ok: true })
    expect(await count('audit_log', { action: 'liftBan' })).toBe(1)
  })

  test('a lift cut off before its notice is written leaves the ban in place and no notice; lifted again, the family is told once', async () => {
    await db()
      .collection('booking_patients')
      .doc(father)
      .update({ bannedUntil: chinaInstant('2027-02-22', '09:00'), banReason: '90天内3次预约未就诊（爽约）' })
    const lifted = () => count('outbox', { accountId: b.accountId('li_mei'), kind: 'booking_ban_lifted' })
    const cut = await killedAtWriteTo(b, 'outbox', () =>
      b.call('admin', 'booking', 'liftBan', { profileId: father, reason: '患者当日住院，已核实' })
    )
    expect(cut).toMatchObject({ ok: false })
    expect((await patient(father)).ban).not.toBeNull()
    expect(await lifted()).toBe(0)

    await b.ok('admin', 'booking', 'liftBan', { profileId: father, reason: '患者当日住院，已核实' })
    expect((await patient(father)).ban).toBeNull()
    expect(await lifted()).toBe(1)
  })

  test('a lift cut off at its audit entry leaves the ban, no notice and no entry; lifted again, one of each', async () => {
    await db()
      .collection('booking_patients')
      .doc(father)
      .update({ bannedUntil: chinaInstant('2027-02-22', '09:00'), banReason: '90天内3次预约未就诊（爽约）' })
    const lifted = () => count('outbox', { accountId: b.accountId('li_mei'), kind: 'booking_ban_lifted' })
    const entries = () => count('audit_log', { action: 'liftBan' })
    const cut = await killedAtWriteTo(b, 'audit_log', () =>
      b.call('admin', 'booking', 'liftBan', { profileId: father, reason: '患者当日住院，已核实' })
    )
    expect(cut).toMatchObject({ ok: false })
    expect((await patient(father)).ban).not.toBeNull()
    expect(await lifted()).toBe(0)
    expect(await entries()).toBe(0)

    await b.ok('admin', 'booking', 'liftBan', { profileId: father, reason: '患者当日住院，已核实' })
    expect((await patient(father)).ban).toBeNull()
    expect(await lifted()).toBe(1)
    expect(await entries()).toBe(1)
    // The entry names the family, so 李梅 reads it in her access log.
    const entry = (await db().collection('audit_log').where({ action: 'liftBan' }).get()).data[0]
    expect(entry).toMatchObject({
      target: `booking_patient:${father}`,
      subject: { accountId: b.accountId('li_mei'), profileId: father },
      detail: { reason: '患者当日住院，已核实' }
    })
  })

  test('a ban ends by itself on its end date', async () => {
    await db()
      .collection('booking_patients')
      .doc(father)
      .update({ bannedUntil: chinaInstant('2026-11-20', '09:00'), banReason: '90天内3次预约未就诊（爽约）' })
    const s = await publishedSession(b)
    expect(await book(b, 'li_mei', s, father)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    at('2026-11-20', '09:00')
    expect(await book(b, 'li_mei', s, father)).toMatchObject({ ok: true })
  })

  test('waitlist tickets that never got a place end at the cutoff, and the patient is told', async () => {
    const s = await publishedSession(b, { slices: [{ start: '08:00', end: '09:00', quota: 1 }] })
    await booked(s)
    const limei = await profileOf(b, 'li_mei', 'self')
    await b.ok('li_mei', 'booking', 'joinWaitlist', { scheduleId: s.id, profileId: limei }, rid())
    at('2026-11-22', '15:00')
    const counts = await fire('markNoShows')
    expect(counts.expired).toBeGreaterThanOrEqual(1)
    expect(await count('booking_waitlist', { scheduleId: s.id, status: 'expired' })).toBe(1)
    expect(await count('outbox', { accountId: b.accountId('li_mei'), kind: 'booking_waitlist_expired' })).toBeGreaterThanOrEqual(1)
  })
})

describe('reminders', () => {
  test('the day before, each booking gets one reminder, however often the timer runs', async () => {
    const s = await publishedSession(b)
    const a = await booked(s)
    const reminderCount = async () => count('outbox', { kind: 'booking_reminder', dedupeKey: `remind_${a.id}` })
    at('2026-11-21', '18:00')
    await fire('remindDayBefore')
    expect(await reminderCount()).toBe(0)
    at('2026-11-22', '18:00')
    await fire('remindDayBefore')
    at('2026-11-22', '19:00')
    await fire('remindDayBefore')
    expect(await reminderCount()).toBe(1)
    const reminders = await db()
      .collection('outbox')
      .where({ kind: 'booking_reminder', accountId: b.accountId('li_mei') })
      .get()
    const mine = (reminders.data as Array<{ body: string; page: string }>).filter((m) => m.page.endsWith(a.id))
    expect(mine).toHaveLength(1)
    expect(mine[0].body).toContain('李德福明天（11月23日 周一）08:00-08:30')
    expect(mine[0].body).toContain('第1号')
  })
})

describe('sending the outbox', () => {
  afterEach(() => {
    delete process.env.WX_SUBSCRIBE_TEMPLATES
    jest.restoreAllMocks()
  })

  test('without a template a message stays in the app; with one it goes out through the WeChat subscribe-message API', async () => {
    const s = await publishedSession(b)
    await booked(s)
    await b.ok('scheduler', 'booking', 'closeSession', { id: s.id, reason: '专家临时外出会诊' }, rid())
    const sent: SubscribeMessage[] = []
    setSubscribeSender(async (msg) => {
      sent.push(msg)
      return { errcode: 0 }
    })
    process.env.WX_SUBSCRIBE_TEMPLATES = JSON.stringify({ booking_closed: 'TPL_CLOSED' })
    const counts = await fire('deliverOutbox')
    expect(counts.sent).toBeGreaterThanOrEqual(1)
    const toLiMei = sent.find((c) => c.touser === 'demo-openid-li_mei')
    expect(toLiMei).toMatchObject({ template_id: 'TPL_CLOSED' })
    expect(JSON.stringify(toLiMei?.data)).toContain('专家临时外出会诊')
    expect(await count('outbox', { status: 'pending' })).toBe(0)
  })

  test('booking runs its own timers, jobs only the outbox, and a person cannot call a timer', async () => {
    const names = (fn: string) =>
      timerTriggers
        .filter((t) => t.fn === fn)
        .map((t) => t.name)
        .sort()
    expect(names('booking')).toEqual(['markNoShows', 'remindDayBefore'])
    expect(names('jobs')).toEqual(['deliverOutbox', 'recover'])
    expect(await b.call('admin', 'booking', 'markNoShows', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await b.call('admin', 'jobs', 'deliverOutbox', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
