/** Notices for callers without the app: a 停诊 reaches a hotline caller by one SMS, never two. */
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures } from '../helpers/matrix'
import { deliverPending, setSmsSender, SMS_MAX_ATTEMPTS, type SmsMessage } from '../../cloudfunctions/common/outbox'
import { hotlineCallerAccountId } from '../../cloudfunctions/local/seed-booking'
import { DEMO_HOTLINE_CALLER } from '../../cloudfunctions/local/seed-data'
import { db } from '../../cloudfunctions/common/db'
import { runRecovery } from '../../cloudfunctions/common/recovery'

const noOpenid = async () => undefined
let b: TestBackend
let sent: SmsMessage[]
beforeEach(async () => {
  b = await openBackend()
  sent = []
  process.env.SMS_TEMPLATES = JSON.stringify({ booking_closed: '1234567', default: '7654321' })
  process.env.SMS_SIGN_NAME = '济阳区中医医院'
})
afterEach(async () => {
  setSmsSender(undefined)
  delete process.env.SMS_TEMPLATES
  delete process.env.SMS_SIGN_NAME
  await b.close()
})

/** The hotline books the demo caller 赵桂芳 (banned in the seed: the admin lifts it) into the open session; the scheduler closes it (停诊). */
async function closeCallersSession(): Promise<void> {
  const f = await buildFixtures(b)
  const profile = (await db().collection('profiles').where({ accountId: hotlineCallerAccountId() }).get()).data[0] as { _id: string }
  await b.ok('admin', 'booking', 'liftBan', { profileId: profile._id, reason: '患者住院未能就诊，已核实' })
  await b.ok(
    'hotline',
    'booking',
    'hotlineBook',
    { scheduleId: f.booking.openScheduleId, sliceId: f.booking.openSliceId, profileId: profile._id },
    rid()
  )
  await b.ok('scheduler', 'booking', 'closeSession', { id: f.booking.openScheduleId, reason: '专家临时外出会诊' }, rid())
}

/** The 停诊 notices to the caller (lifting the ban also texts her, under another template). */
const smsToCaller = (list: SmsMessage[]) => list.filter((m) => m.phone === DEMO_HOTLINE_CALLER.phone && m.templateId === '1234567')

test('a 停诊 sends one SMS to a hotline caller, and a retried delivery sends none twice', async () => {
  setSmsSender(async (m) => {
    sent.push(m)
    return { provider: 'fake', serialNo: `s${sent.length}` }
  })
  await closeCallersSession()
  await deliverPending(noOpenid)
  await deliverPending(noOpenid)
  // A retry of the same notice (e.g. the outbox write after the send was lost) finds the SMS sent.
  await db().collection('outbox').where({ accountId: hotlineCallerAccountId() }).update({ status: 'pending' })
  await deliverPending(noOpenid)
  expect(smsToCaller(sent)).toHaveLength(1)
  expect(smsToCaller(sent)[0]).toMatchObject({ templateId: '1234567' })
  const { messages } = await b.ok('admin', 'account', 'smsOutbox', {})
  const mine = messages.filter((m) => m.kind === 'booking_closed')
  expect(mine).toHaveLength(1)
  expect(mine[0]).toMatchObject({ status: 'sent', kind: 'booking_closed', attempts: 1, simulated: false })
  expect(mine[0].text).toMatch(/^【济阳区中医医院】/)
})

test('families with the app get no SMS', async () => {
  setSmsSender(async (m) => {
    sent.push(m)
    return { provider: 'fake' }
  })
  await closeCallersSession()
  await deliverPending(noOpenid)
  expect(sent.every((m) => m.phone === DEMO_HOTLINE_CALLER.phone)).toBe(true)
  const accounts = await db().collection('sms_outbox').get()
  expect((accounts.data as Array<{ accountId: string }>).every((m) => m.accountId === hotlineCallerAccountId())).toBe(true)
})

test('a failed send is retried, then left failed where staff see it', async () => {
  setSmsSender(async (m) => {
    sent.push(m)
    throw new Error('FailedOperation.InsufficientBalanceInSmsPackage')
  })
  await closeCallersSession()
  for (let i = 0; i < SMS_MAX_ATTEMPTS + 2; i++) await deliverPending(noOpenid)
  expect(smsToCaller(sent)).toHaveLength(SMS_MAX_ATTEMPTS)
  const { messages } = await b.ok('admin', 'account', 'smsOutbox', {})
  const closed = messages.find((m) => m.kind === 'booking_closed')!
  expect(closed).toMatchObject({ status: 'failed', attempts: SMS_MAX_ATTEMPTS })
  expect(closed.error).toContain('InsufficientBalance')
  const outbox = (await db().collection('outbox').where({ accountId: hotlineCallerAccountId(), kind: 'booking_closed' }).get())
    .data as Array<{
    status: string
  }>
  expect(outbox.map((m) => m.status)).toEqual(['failed'])
})

test('on the embedded host (no SMS service configured) the message is recorded for the admin, not sent', async () => {
  await closeCallersSession()
  await deliverPending(noOpenid)
  const messages = (await b.ok('admin', 'account', 'smsOutbox', {})).messages.filter((m) => m.kind === 'booking_closed')
  expect(messages).toHaveLength(1)
  expect(messages[0]).toMatchObject({ phone: DEMO_HOTLINE_CALLER.phone, status: 'sent', simulated: true })
  expect(messages[0].text).toContain('停诊')
  const refused = await b.callUnchecked('li_mei', 'account', 'smsOutbox', {})
  expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN')
})

test('an SMS whose deliverer died mid-send is settled as failed and uncertain for staff, and never sent a second time', async () => {
  // The provider takes the first message and the deliverer never hears back: it was killed there.
  setSmsSender((m) => {
    sent.push(m)
    return new Promise(() => undefined)
  })
  await closeCallersSession()
  void deliverPending(noOpenid)
  for (let i = 0; i < 200 && !sent.length; i++) await new Promise((r) => setTimeout(r, 10))
  expect(sent).toHaveLength(1)
  const cut = sent[0].context
  const sms = async () => (await b.ok('admin', 'account', 'smsOutbox', {})).messages.find((m) => m.id === `sms_${cut}`)!
  expect(await sms()).toMatchObject({ status: 'sending', attempts: 1 })

  setSmsSender(async (m) => {
    sent.push(m)
    return { provider: 'fake' }
  })
  // The cloud's timer leaves it alone while it may still be in flight (within a lease)...
  expect(await runRecovery()).toMatchObject({ stuckSms: 0 })
  expect(await sms()).toMatchObject({ status: 'sending' })
  // ...and the host's start (nothing in flight) settles it: failed, the reason shown, not sent again.
  expect(await runRecovery({ graceMs: 0 })).toMatchObject({ stuckSms: 1 })
  for (let i = 0; i < 3; i++) await deliverPending(noOpenid)
  expect(sent.filter((m) => m.context === cut)).toHaveLength(1)
  const settled = await sms()
  expect(settled).toMatchObject({ status: 'failed', attempts: 1 })
  expect(settled.error).toContain('发送结果未知')
  expect((await db().collection('outbox').doc(cut).get()).data[0]).toMatchObject({ status: 'failed' })
  // The other notices to her went out as usual.
  expect(smsToCaller(sent)).toHaveLength(1)
})
