/**
 * A request claim is a lease: a call that died holding it (timeout, recycled instance, killed
 * host) blocks its retries only until the lease runs out; then a retry completes the request.
 */
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import { claimRequest } from '../../cloudfunctions/common/idempotency'
import { now, setNow } from '../../cloudfunctions/common/clock'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { idCheckChar } from '../../types/idcard'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
  setNow('2026-11-23T02:00:00Z')
  await b.ok('liu_yang', 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
})
afterEach(async () => {
  setNow(undefined)
  await b.close()
})

const first = '37012519500315013'
const father = { name: '刘长海', idNumber: first + idCheckChar(first), phone: '13905310000', relation: 'parent' as const }
const leaseMs = DEFAULT_SETTINGS.requests.leaseSeconds * 1000
const later = (ms: number) => setNow(new Date(now().getTime() + ms))

/** What a call that died after claiming its requestId leaves behind. */
const crashedCall = (requestId: string) => claimRequest(b.accountId('liu_yang'), 'account', 'addProfile', requestId)

describe('a retry of a request whose first call died', () => {
  test('is told the request is still being processed while the lease runs', async () => {
    const requestId = rid()
    await crashedCall(requestId)
    later(leaseMs - 1000)
    const res = await b.call('liu_yang', 'account', 'addProfile', father, requestId)
    expect(res.ok ? 'ok' : res.error.message).toBe('同一请求正在处理中，请稍后查看结果')
  })

  test('completes the request once the lease has run out, and later retries replay that reply', async () => {
    const requestId = rid()
    await crashedCall(requestId)
    later(leaseMs)
    const done = await b.ok('liu_yang', 'account', 'addProfile', father, requestId)
    expect(done).toMatchObject({ name: '刘长海', relation: 'parent' })
    later(leaseMs * 3)
    await expect(b.ok('liu_yang', 'account', 'addProfile', father, requestId)).resolves.toEqual(done)
    const list = await b.ok('liu_yang', 'account', 'listProfiles', {})
    expect(list.profiles.map((p) => p.name)).toEqual(['刘长海'])
  })

  test('of several retries racing for an expired claim, exactly one runs the action', async () => {
    const requestId = rid()
    await crashedCall(requestId)
    later(leaseMs)
    const replies = await Promise.all([1, 2, 3, 4].map(() => b.call('liu_yang', 'account', 'addProfile', father, requestId)))
    const ids = new Set(replies.map((r) => (r.ok ? r.data.id : r.error.code)))
    expect(ids.size).toBe(1)
    expect(replies[0].ok).toBe(true)
    const list = await b.ok('liu_yang', 'account', 'listProfiles', {})
    expect(list.profiles).toHaveLength(1)
  })
})
