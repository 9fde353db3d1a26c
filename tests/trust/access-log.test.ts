/** 我的 → 隐私与数据 → 谁查看了我的信息: staff reads appear in the family's log, and only there. */
import { openBackend, type TestBackend } from '../helpers/backend'
import { buildFixtures } from '../helpers/matrix'
import { db } from '../../cloudfunctions/common/db'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

test("a pharmacist's read of 李梅's order appears in her access log and in no other family's", async () => {
  const f = await buildFixtures(b)
  const before = await b.ok('li_mei', 'account', 'myAccessLog', {})
  const otherBefore = await b.ok('zhang_wei', 'account', 'myAccessLog', {})

  await b.ok('pharmacist', 'decoction', 'openOrder', { id: f.decoction.ownOrderId })

  const after = await b.ok('li_mei', 'account', 'myAccessLog', {})
  expect(after.entries.length).toBe(before.entries.length + 1)
  expect(after.entries[0]).toMatchObject({
    role: 'pharmacist',
    roleLabel: '药师',
    staffName: '钱志刚',
    what: '中药代煎·代煎订单',
    patientName: '李德福'
  })
  const otherAfter = await b.ok('zhang_wei', 'account', 'myAccessLog', {})
  expect(otherAfter.entries).toEqual(otherBefore.entries)
})

test('the log is newest first and names who looked at which family member', async () => {
  const f = await buildFixtures(b)
  await b.ok('pharmacist', 'decoction', 'openOrder', { id: f.decoction.ownOrderId })
  await new Promise((r) => setTimeout(r, 5))
  await b.ok('hotline', 'booking', 'hotlineAppointments', { profileId: f.ownProfileId })
  const log = await b.ok('li_mei', 'account', 'myAccessLog', {})
  const ats = log.entries.map((e) => e.at)
  expect([...ats].sort().reverse()).toEqual(ats)
  expect(log.entries[0]).toMatchObject({ role: 'hotline', staffName: '孙丽', patientName: '李德福' })
})

test("the family's own actions are not staff access", async () => {
  await b.ok('li_mei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  const log = await b.ok('li_mei', 'account', 'myAccessLog', {})
  expect(log.entries.every((e) => e.role !== null)).toBe(true)
  const mine = await db()
    .collection('audit_log')
    .where({ 'subject.accountId': b.accountId('li_mei'), 'actor.accountId': b.accountId('li_mei') })
    .get()
  expect(mine.data.length).toBeGreaterThan(0)
  expect(log.entries.some((e) => e.staffName === '微信用户')).toBe(false)
})
