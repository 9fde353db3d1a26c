/**
 * The recovery pass on its own, as the cloud runs it (the `recover` timer, alongside live calls):
 * what a killed call left half-done is put right once a lease has passed, a booking still in
 * flight is left alone, and a run that finds nothing to do changes nothing.
 */
import { db } from '../../cloudfunctions/common/db'
import { deliverPending, setSubscribeSender, settleStuckSends, type SubscribeMessage } from '../../cloudfunctions/common/outbox'
import { runRecovery } from '../../cloudfunctions/common/recovery'
import { rid, type TestBackend } from '../helpers/backend'
import { at, book, closeBackend, openAt, profileOf, publishedSession, session, sessionInput } from '../booking/helpers'

let b: TestBackend
beforeEach(async () => {
  b = await openAt()
})
afterEach(async () => {
  setSubscribeSender(undefined)
  delete process.env.WX_SUBSCRIBE_TEMPLATES
  await closeBackend(b)
})

/** What a booking killed between taking the place and inserting its appointment leaves behind. */
async function halfBooking(scheduleId: string, profileId: string, heldAt: string): Promise<void> {
  const _ = db().command
  await db()
    .collection('schedules')
    .doc(scheduleId)
    .update({ 'slices.0.remaining': _.inc(-1), 'slices.0.taken': _.inc(1), heldAt })
  await db()
    .collection('booking_patients')
    .doc(profileId)
    .update({ activeCount: _.inc(1), activeSchedules: _.push([scheduleId]), heldAt })
}

test('a place and a patient hold left by a killed booking are given back once a lease has passed, not while it may be in flight', async () => {
  const s = await publishedSession(b)
  const mine = await profileOf(b, 'li_mei')
  const other = await profileOf(b, 'zhang_wei')
  expect(await book(b, 'zhang_wei', s, other)).toMatchObject({ ok: true })
  const quota = (await session(b, 'li_mei', s.id)).slices[0].remaining
  const held = (await db().collection('booking_patients').doc(mine).get()).data[0] as { activeCount: number; activeSchedules: string[] }
  await halfBooking(s.id, mine, '2026-11-18T02:00:00.000Z')

  expect(await runRecovery()).toMatchObject({ places: 0, patientHolds: 0 })
  expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(quota - 1)

  at('2026-11-18', '10:03')
  expect(await runRecovery()).toMatchObject({ places: 1, patientHolds: 1 })
  expect((await session(b, 'li_mei', s.id)).slices[0].remaining).toBe(quota)
  const state = (await db().collection('booking_patients').doc(mine).get()).data[0] as { activeCount: number; activeSchedules: string[] }
  expect(state).toMatchObject({ activeCount: held.activeCount, activeSchedules: held.activeSchedules })
  // The patient is no longer refused with "正在为这位就诊人预约本场".
  expect(await book(b, 'li_mei', s, mine)).toMatchObject({ ok: true })
  // The real booking elsewhere was never touched, and a second pass finds nothing to do.
  expect(await runRecovery()).toMatchObject({ claims: 0, places: 0, patientHolds: 0, profileCounts: 0 })
})

test('a profile counter left one high by a killed add is derived again from the account profiles', async () => {
  const _ = db().command
  const account = b.accountId('li_mei')
  const before = (await db().collection('accounts').doc(account).get()).data[0] as { profileCount: number }
  await db()
    .collection('accounts')
    .doc(account)
    .update({ profileCount: _.inc(1), profileHeldAt: '2026-11-18T01:00:00.000Z' })
  expect(await runRecovery()).toMatchObject({ profileCounts: 1 })
  expect((await db().collection('accounts').doc(account).get()).data[0]).toMatchObject({ profileCount: before.profileCount })
})

test('a claim left pending by a killed call is dropped once its lease has passed, so its retry runs', async () => {
  await db().collection('requests').add({ _id: 'dead_claim', status: 'pending', at: '2026-11-18T01:00:00.000Z', attempt: 0 })
  await db().collection('requests').add({ _id: 'live_claim', status: 'pending', at: '2026-11-18T02:00:00.000Z', attempt: 0 })
  expect(await runRecovery()).toMatchObject({ claims: 1 })
  const left = (await db().collection('requests').where({ status: 'pending' }).get()).data.map((d) => (d as { _id: string })._id)
  expect(left).toEqual(['live_claim'])
})

test('a WeChat message whose send was cut off is never sent a second time, and stays in the app', async () => {
  process.env.WX_SUBSCRIBE_TEMPLATES = JSON.stringify({ test_kind: 'tmpl_1' })
  const sent: SubscribeMessage[] = []
  setSubscribeSender(async (m) => {
    sent.push(m)
  })
  const accountId = b.accountId('li_mei')
  await db().collection('outbox').add({
    _id: 'msg_cut',
    accountId,
    kind: 'test_kind',
    title: 't',
    body: 'b',
    status: 'sending',
    sendingAt: '2026-11-18T01:00:00.000Z',
    read: false,
    createdAt: '2026-11-18T01:00:00.000Z'
  })
  await db().collection('outbox').add({
    _id: 'msg_new',
    accountId,
    kind: 'test_kind',
    title: 't',
    body: 'b',
    status: 'pending',
    read: false,
    createdAt: '2026-11-18T01:30:00.000Z'
  })
  expect(await settleStuckSends(60_000)).toBe(1)
  await deliverPending(async () => 'openid_li_mei')
  await deliverPending(async () => 'openid_li_mei')
  expect(sent).toHaveLength(1)
  const cut = (await db().collection('outbox').doc('msg_cut').get()).data[0]
  expect(cut).toMatchObject({ status: 'in_app' })
})

test('a cut-off createSession retried with its requestId answers with what its first run wrote', async () => {
  const requestId = rid()
  const first = await b.call('scheduler', 'booking', 'createSession', sessionInput(), requestId)
  expect(first).toMatchObject({ ok: true })
  // The reply was lost and the claim's lease ran out: the retry runs the action again.
  await db().collection('requests').where({ status: 'done' }).remove()
  const again = await b.call('scheduler', 'booking', 'createSession', sessionInput(), requestId)
  expect(again).toMatchObject({ ok: true, data: { id: first.ok ? first.data.id : '' } })
})

/** Collections a recovery pass reads from, and how many documents reads of them have examined so far. */
const READ = ['schedules', 'appointments', 'booking_patients', 'accounts', 'profiles', 'requests', 'outbox', 'sms_outbox']
const examined = () => READ.reduce((n, c) => n + b.engine.docsExamined(c), 0)

test('a pass over a big, healthy hospital reads only what was stamped since the last pass, and still puts a fresh half booking right', async () => {
  const N = 1500
  const long = '2026-10-01T02:00:00.000Z'
  const schedules = Array.from({ length: N }, (_, i) => ({
    _id: `big_s_${i}`,
    uniqueKey: `big_s_${i}`,
    status: 'published',
    slices: [{ id: 's0', start: '08:00', end: '09:00', quota: 10, remaining: 9, taken: 1 }],
    heldAt: long
  }))
  const appointments = Array.from({ length: N }, (_, i) => ({
    _id: `big_a_${i}`,
    scheduleId: `big_s_${i}`,
    sliceIndex: 0,
    profileId: `big_p_${i}`,
    status: 'booked',
    activeKey: `big_p_${i}:big_s_${i}`,
    returnKey: `big_a_${i}`
  }))
  const patients = Array.from({ length: N }, (_, i) => ({
    _id: `big_p_${i}`,
    accountId: `big_acc_${i}`,
    activeCount: 1,
    activeSchedules: [`big_s_${i}`],
    bannedUntil: '',
    heldAt: long
  }))
  const accounts = Array.from({ length: N }, (_, i) => ({ _id: `big_acc_${i}`, openid: `big_${i}`, profileCount: 0, profileHeldAt: long }))
  for (const [name, docs] of [
    ['schedules', schedules],
    ['appointments', appointments],
    ['booking_patients', patients],
    ['accounts', accounts]
  ] as const)
    for (let i = 0; i < docs.length; i += 500)
      await db()
        .collection(name)
        .add(docs.slice(i, i + 500))

  // The first pass has no mark to start from and reads everything once.
  b.engine.resetRoundTrips()
  let before = examined()
  expect(await runRecovery()).toMatchObject({ full: 1, places: 0, patientHolds: 0, profileCounts: 0 })
  expect(examined() - before).toBeGreaterThan(3 * N)

  // Five minutes later (the timer's period), one booking is cut off between its place and its appointment.
  at('2026-11-18', '10:05')
  const s = await publishedSession(b)
  const mine = await profileOf(b, 'li_mei')
  await book(b, 'zhang_wei', s, await profileOf(b, 'zhang_wei'))
  await halfBooking(s.id, mine, '2026-11-18T02:05:00.000Z')
  at('2026-11-18', '10:10')
  b.engine.resetRoundTrips()
  before = examined()
  expect(await runRecovery()).toMatchObject({ full: 0, places: 1, patientHolds: 1, profileCounts: 0 })
  // What it read is what was touched (the session, two patients, their appointments), not the hospital.
  expect(b.engine.roundTrips).toBeLessThanOrEqual(20)
  expect(examined() - before).toBeLessThanOrEqual(30)

  // A pass with nothing touched since reads next to nothing, and changes nothing.
  at('2026-11-18', '10:15')
  b.engine.resetRoundTrips()
  before = examined()
  expect(await runRecovery()).toMatchObject({
    full: 0,
    claims: 0,
    oldReplies: 0,
    places: 0,
    patientHolds: 0,
    profileCounts: 0,
    stuckSends: 0
  })
  // 10 measured: 9 before the old-reply sweep, whose one index read finds nothing old.
  expect(b.engine.roundTrips).toBeLessThanOrEqual(10)
  expect(examined() - before).toBeLessThanOrEqual(10)
})
