/**
 * A finished request's saved reply is replayed to its retries for `requests.keepReplyDays` (7 by
 * default), then the recovery pass deletes it: replies can name patients, and the claims would grow
 * forever. The pass deletes a bounded batch, oldest first; a backlog is finished by the next passes.
 * A retry arriving after that runs the action again, and the action's own keys answer it.
 */
import { db } from '../../cloudfunctions/common/db'
import { SWEEP } from '../../cloudfunctions/common/idempotency'
import { runRecovery } from '../../cloudfunctions/common/recovery'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import { DEFAULT_SETTINGS } from '../../types/settings'
import { rid, type TestBackend } from '../helpers/backend'
import { at, closeBackend, openAt, sessionInput } from '../booking/helpers'

let b: TestBackend
beforeEach(async () => {
  b = await openAt()
})
afterEach(() => closeBackend(b))

const claimIds = async (where: Record<string, unknown>) =>
  (await db().collection('requests').where(where).limit(1000).get()).data.map((d) => (d as { _id: string })._id).sort()

test('the default keeps replies a week, editable on the admin page from 1 to 90 days', async () => {
  expect(DEFAULT_SETTINGS.requests.keepReplyDays).toBe(7)
  const { settings } = await b.ok('admin', 'account', 'getSettings', {})
  expect(settings.find((s) => s.key === 'requests.keepReplyDays')).toMatchObject({
    sectionLabel: '请求重试',
    label: '请求结果保留天数',
    unit: '天',
    value: 7,
    editor: { kind: 'number', integer: true, min: 1, max: 90 }
  })
})

test('a reply is replayed for a week after its call finished, then deleted; newer replies and claims in flight stay', async () => {
  // Wednesday 10:00: a session created with a requestId (its reply is saved), and a retry replays it.
  const first = rid()
  const input = sessionInput({ date: '2026-11-30' })
  const created = await b.ok('scheduler', 'booking', 'createSession', input, first)
  await expect(b.ok('scheduler', 'booking', 'createSession', input, first)).resolves.toEqual(created)
  // Two days later another call finishes, and one is in flight.
  at('2026-11-20', '10:00')
  await b.ok('scheduler', 'booking', 'createSession', sessionInput({ date: '2026-12-01' }), rid())
  const kept = await claimIds({ status: 'done' })
  expect(kept).toHaveLength(2)

  // Seven days after the first finished, less a minute: nothing is old enough yet.
  at('2026-11-25', '09:59')
  expect(await runRecovery()).toMatchObject({ oldReplies: 0 })
  expect(await claimIds({})).toEqual(kept)

  // A minute past it, with a call in flight for a minute.
  at('2026-11-25', '10:01')
  await db().collection('requests').add({ _id: 'in_flight', status: 'pending', at: '2026-11-25T02:00:00.000Z', attempt: 0 })
  expect(await runRecovery()).toMatchObject({ oldReplies: 1, claims: 0 })
  expect(await claimIds({ status: 'done' })).toHaveLength(1)
  expect(await claimIds({ status: 'pending' })).toEqual(['in_flight'])

  // The first call's retry now runs createSession again: the session id derived from its
  // requestId is taken, so it answers with that session and writes no second one.
  const late = await b.ok('scheduler', 'booking', 'createSession', input, first)
  expect(late.id).toBe(created.id)
  expect((await db().collection('schedules').where({ date: input.date }).count()).total).toBe(1)
})

test('a hospital that keeps replies 30 days keeps a 10-day-old reply', async () => {
  await db()
    .collection('settings')
    .doc('hospital')
    .set({ requests: { keepReplyDays: 30 } })
  clearSettingsCache()
  await db()
    .collection('requests')
    .add({ _id: 'ten_days', status: 'done', replyJson: '{"ok":true,"data":{}}', at: '2026-11-08T02:00:00.000Z' })
  await db()
    .collection('requests')
    .add({ _id: 'forty_days', status: 'done', replyJson: '{"ok":true,"data":{}}', at: '2026-10-09T02:00:00.000Z' })
  expect(await runRecovery()).toMatchObject({ oldReplies: 1 })
  expect(await claimIds({})).toEqual(['ten_days'])
})

test('a backlog of old replies is deleted a bounded batch per pass, oldest first, and the next pass finishes it', async () => {
  // An idle pass first: what a pass costs with nothing to delete.
  b.engine.resetRoundTrips()
  expect(await runRecovery()).toMatchObject({ oldReplies: 0 })
  const idleTrips = b.engine.roundTrips
  at('2026-11-18', '10:05')
  const perPass = SWEEP.batch * SWEEP.batches
  const extra = 130
  const old = Array.from({ length: perPass + extra }, (_, i) => ({
    _id: `old_${String(i).padStart(4, '0')}`,
    status: 'done',
    replyJson: '{"ok":true,"data":{"name":"李德福"}}',
    // One a minute, from sixty days back: the oldest go first.
    at: new Date(Date.parse('2026-09-19T02:00:00.000Z') + i * 60_000).toISOString()
  }))
  for (let i = 0; i < old.length; i += 500)
    await db()
      .collection('requests')
      .add(old.slice(i, i + 500))
  await db()
    .collection('requests')
    .add({ _id: 'recent', status: 'done', replyJson: '{"ok":true,"data":{}}', at: '2026-11-17T02:00:00.000Z' })

  b.engine.resetRoundTrips()
  expect(await runRecovery()).toMatchObject({ oldReplies: perPass })
  const firstPassTrips = b.engine.roundTrips
  const left = await claimIds({})
  expect(left).toEqual([...old.slice(perPass).map((d) => d._id), 'recent'])

  // Its batches (a read and a remove each) are all a backlog adds to a pass.
  expect(firstPassTrips).toBeLessThanOrEqual(idleTrips + 2 * SWEEP.batches)

  at('2026-11-18', '10:10')
  expect(await runRecovery()).toMatchObject({ oldReplies: extra })
  expect(await claimIds({})).toEqual(['recent'])

  at('2026-11-18', '10:15')
  expect(await runRecovery()).toMatchObject({ oldReplies: 0 })
})
