/**
 * Reads by id shared by the callers of one moment (cloudfunctions/common/batched.ts), through the real
 * SDK: one query for everyone who asked before it was sent, and nothing kept for anyone who asks later.
 */
import { sharedById } from '../../cloudfunctions/common/batched'
import { openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest
beforeEach(async () => {
  t = await openEngine()
  await t.db.collection('rooms').add(Array.from({ length: 250 }, (_u, i) => ({ _id: `r${i}`, beds: i % 7 })))
})
afterEach(() => t.close())

test('twenty callers asking at once for five rooms (and one that does not exist) are answered by one query', async () => {
  const room = sharedById<{ _id: string; beds: number }>('rooms')
  t.engine.resetRoundTrips()
  const ids = Array.from({ length: 20 }, (_u, i) => (i === 19 ? 'nowhere' : `r${i % 5}`))
  const got = await Promise.all(ids.map((id) => room(id)))
  expect(t.engine.roundTrips).toBe(1)
  expect(got.slice(0, 5).map((r) => r?.beds)).toEqual([0, 1, 2, 3, 4])
  expect(got[7]).toEqual({ _id: 'r2', beds: 2 })
  expect(got[19]).toBeUndefined()
})

test('a caller who asks after a change sees the change: nothing is kept from one query to the next', async () => {
  const room = sharedById<{ _id: string; beds: number }>('rooms')
  expect((await room('r3'))?.beds).toBe(3)
  await t.db.collection('rooms').doc('r3').update({ beds: 9 })
  expect((await room('r3'))?.beds).toBe(9)
  await t.db.collection('rooms').doc('r3').remove()
  expect(await room('r3')).toBeUndefined()
})

test('a caller alone is one query for one id, as before', async () => {
  const room = sharedById<{ _id: string; beds: number }>('rooms')
  t.engine.resetRoundTrips()
  expect((await room('r10'))?.beds).toBe(3)
  expect(t.engine.roundTrips).toBe(1)
})

test('250 callers at once are read 100 ids to a query, never more than a page holds', async () => {
  const room = sharedById<{ _id: string; beds: number }>('rooms')
  t.engine.resetRoundTrips()
  const got = await Promise.all(Array.from({ length: 250 }, (_u, i) => room(`r${i}`)))
  expect(t.engine.roundTrips).toBe(3)
  expect(got.every((r, i) => r?._id === `r${i}` && r.beds === i % 7)).toBe(true)
})

test('a query that fails fails for every caller who shared it, and the next callers read afresh', async () => {
  const room = sharedById<{ _id: string; beds: number }>('bad name!')
  const replies = await Promise.allSettled([room('a'), room('b')])
  expect(replies.map((r) => r.status)).toEqual(['rejected', 'rejected'])
  const ok = sharedById<{ _id: string; beds: number }>('rooms')
  expect((await ok('r1'))?.beds).toBe(1)
})

test('a thousand callers asking at once for one session read it once, and a caller after them reads it again', async () => {
  const room = sharedById<{ _id: string; beds: number }>('rooms')
  t.engine.resetRoundTrips()
  const got = await Promise.all(Array.from({ length: 1000 }, () => room('r5')))
  expect(t.engine.roundTrips).toBe(1)
  expect(new Set(got.map((r) => r?.beds))).toEqual(new Set([5]))
  await t.db.collection('rooms').doc('r5').update({ beds: 0 })
  expect((await room('r5'))?.beds).toBe(0)
  expect(t.engine.roundTrips).toBe(3)
})
