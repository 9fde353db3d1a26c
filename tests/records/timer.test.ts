import { setNow } from '../../cloudfunctions/common/clock'
import { timerContext } from '../../cloudfunctions/local/timers'
import { db } from '../../cloudfunctions/common/db'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { count, profileOf } from './helpers'

let b: TestBackend
afterEach(async () => {
  setNow(undefined)
  await b.close()
})

const tick = () =>
  cloudFunctions.records.main({ Type: 'Timer', TriggerName: 'dailyFollowUps', Time: new Date().toISOString() }, timerContext('records'))

test('the daily timer opens one quarterly follow-up per programme member and tells the family once', async () => {
  b = await openBackend()
  // 李德福's next follow-up is planned already (the seed); 张伟, newly enrolled, has none this quarter.
  const wei = (await profileOf(b, 'zhang_wei', '张伟')).id
  await b.ok('doctor', 'records', 'enrol', { profileId: wei, programme: 't2dm' }, rid())
  const first = await tick()
  expect(first).toMatchObject({ ok: true, data: { opened: 1 } })
  const planned = await db().collection('follow_up_tasks').where({ profileId: wei, reason: 'planned', status: 'open' }).get()
  expect(planned.data).toHaveLength(1)
  const second = await tick()
  expect(second).toMatchObject({ ok: true, data: { opened: 0 } })
  expect(await count('follow_up_tasks', { profileId: wei, reason: 'planned', status: 'open' })).toBe(1)

  // On the quarter's last day the task is due: the family hears once, however often the timer runs.
  const due = (planned.data[0] as { dueDate: string }).dueDate
  setNow(`${due}T01:00:00.000Z`)
  await tick()
  await tick()
  expect(await count('outbox', { kind: 'records_follow_up_due', accountId: b.accountId('zhang_wei') })).toBeGreaterThanOrEqual(1)
  const msgs = await db()
    .collection('outbox')
    .where({ kind: 'records_follow_up_due', dedupeKey: `records_due_${(planned.data[0] as { _id: string })._id}` })
    .get()
  expect(msgs.data).toHaveLength(1)
})

test('a member followed up this quarter gets no quarterly task', async () => {
  b = await openBackend()
  const father = (await profileOf(b, 'li_mei', '李德福')).id
  const [task] = (await db().collection('follow_up_tasks').where({ profileId: father, status: 'open' }).get()).data as Array<{
    _id: string
  }>
  const nextDate = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10)
  await b.ok(
    'doctor',
    'records',
    'recordFollowUp',
    {
      taskId: task._id,
      form: {
        method: 'clinic',
        lifestyle: { smokingPerDay: 0, drinking: 'none', exerciseTimesPerWeek: 3, salt: 'light' },
        adherence: 'regular',
        classification: 'satisfactory',
        nextDate
      }
    },
    rid()
  )
  const res = await tick()
  expect(res).toMatchObject({ ok: true, data: { opened: 0 } })
  // The follow-up scheduled the next visit as the one planned task.
  expect(await count('follow_up_tasks', { profileId: father, reason: 'planned', status: 'open' })).toBe(1)
})

test('a family cannot run the timer', async () => {
  b = await openBackend({ seed: false })
  const res = await b.call('li_mei', 'records', 'dailyFollowUps', {})
  expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN')
})
