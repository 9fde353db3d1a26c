/**
 * A retried request gets the first reply back exactly as it was, whatever its keys: a field error
 * keyed `measure.systolic` stays one key (not `{ measure: { systolic } }`), and a successful reply
 * whose keys hold dots is stored and replayed instead of failing.
 */
import { claimRequest, settleRequest } from '../../cloudfunctions/common/idempotency'
import { now } from '../../cloudfunctions/common/clock'
import { openBackend, rid, type TestBackend } from '../helpers/backend'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

test('a retried reading refused for its systolic value gets the same field error back, keyed measure.systolic', async () => {
  const { profiles } = await b.ok('li_mei', 'account', 'listProfiles', {})
  const father = profiles.find((p) => p.name === '李德福')!.id
  const requestId = rid()
  const reading = { profileId: father, measure: { kind: 'bp', systolic: 400, diastolic: 90 }, measuredAt: now().toISOString() }
  const first = await b.callUnchecked('li_mei', 'records', 'addReading', reading, requestId)
  const again = await b.callUnchecked('li_mei', 'records', 'addReading', reading, requestId)
  expect(first).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: { 'measure.systolic': expect.stringContaining('收缩压') } }
  })
  expect(again).toEqual(first)
})

test('a successful reply whose keys hold dots is stored and replayed unchanged', async () => {
  const caller = b.accountId('li_mei')
  const requestId = rid()
  const claim = await claimRequest(caller, 'records', 'importReadings', requestId)
  expect(claim.kind).toBe('new')
  const reply = { ok: true as const, data: { byField: { 'measure.systolic': 2, 'a.b.c': { 'x.y': [1, { 'p.q': null }] } }, $note: 'kept' } }
  if (claim.kind === 'new') await settleRequest(claim, reply)
  expect(await claimRequest(caller, 'records', 'importReadings', requestId)).toEqual({ kind: 'replay', reply })
})
