/** 撤回健康信息处理同意: every service refuses new health-data work, the old stays readable, granting again restores it. */
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures } from '../helpers/matrix'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import type { ActionSpec, Fixtures } from '../../types/contract'

/** The create actions of every service, called with their contract's example as the family or the hotline. */
const CREATES: Array<{ fn: string; action: string; as: string }> = [
  { fn: 'booking', action: 'book', as: 'li_mei' },
  { fn: 'booking', action: 'hotlineBook', as: 'hotline' },
  { fn: 'booking', action: 'joinWaitlist', as: 'li_mei' },
  { fn: 'decoction', action: 'submitOrder', as: 'li_mei' },
  { fn: 'nursing', action: 'submitRequest', as: 'li_mei' },
  { fn: 'records', action: 'addReading', as: 'li_mei' }
]

let b: TestBackend
let f: Fixtures
beforeEach(async () => {
  b = await openBackend()
  f = await buildFixtures(b)
})
afterEach(() => b.close())

const call = (c: (typeof CREATES)[number]) => {
  const spec = (cloudFunctions[c.fn].actions as Record<string, ActionSpec>)[c.action]
  return b.callUnchecked(c.as, c.fn, c.action, spec.example(f), spec.requestId ? rid() : undefined)
}

test('the output says what withdrawing means, for the app to show before confirming', async () => {
  const res = await b.ok('li_mei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  expect(res.meaning.join('')).toContain('已有的预约')
  expect((await b.ok('li_mei', 'account', 'whoami', {})).healthDataConsent).toBeNull()
  const bad = await b.callUnchecked('li_mei', 'account', 'withdrawHealthDataConsent', {})
  expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT')
})

test.each(CREATES)('after withdrawal $fn $action refuses with a clear Chinese message', async (c) => {
  await b.ok('li_mei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  const res = await call(c)
  expect(res.ok).toBe(false)
  if (res.ok) return
  expect(res.error.code).toBe('CONFLICT')
  expect(res.error.message).toMatch(/已撤回《健康信息处理知情同意书》，暂不能.+重新同意/)
})

test('after withdrawal what exists can still be read', async () => {
  await b.ok('li_mei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  expect((await b.ok('li_mei', 'booking', 'listMine', {})).upcoming.length).toBeGreaterThan(0)
  expect((await b.ok('li_mei', 'decoction', 'listOrders', {})).orders.length).toBeGreaterThan(0)
  expect((await b.ok('li_mei', 'decoction', 'getOrder', { id: f.decoction.ownOrderId })).order.id).toBe(f.decoction.ownOrderId)
  expect((await b.ok('li_mei', 'nursing', 'getRequest', { id: f.nursing.ownRequestId })).request.id).toBe(f.nursing.ownRequestId)
  expect(
    (await b.ok('li_mei', 'records', 'listReadings', { profileId: f.ownProfileId, kind: 'bp', days: 90 })).readings.length
  ).toBeGreaterThan(0)
  expect((await b.ok('li_mei', 'account', 'exportMyData', {})).profiles.length).toBeGreaterThan(0)
})

test.each(CREATES)('after granting again $fn $action works', async (c) => {
  await b.ok('li_mei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  await b.ok('li_mei', 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
  const res = await call(c)
  expect(res.ok ? 'ok' : `${res.error.code} ${res.error.message}`).toBe('ok')
})

test("another family's withdrawal stops nothing for 李梅", async () => {
  await b.ok('zhang_wei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  for (const c of CREATES) {
    const res = await call(c)
    expect({ c, r: res.ok ? 'ok' : res.error.message }).toEqual({ c, r: 'ok' })
    await b.close()
    b = await openBackend()
    f = await buildFixtures(b)
    await b.ok('zhang_wei', 'account', 'withdrawHealthDataConsent', { confirm: true })
  }
})
