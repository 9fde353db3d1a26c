/** `transition`'s `within`: the counters a move changes are written with it, or not at all. */
import { defineWorkflow } from '../../types/workflow'
import { transition } from '../../cloudfunctions/common/transition'
import { db } from '../../cloudfunctions/common/db'
import { openBackend, type TestBackend } from '../helpers/backend'

type S = 'booked' | 'cancelled'
const flow = defineWorkflow<S>({ booked: { cancelled: ['patient'] }, cancelled: {} })
const labels: Record<S, string> = { booked: '待就诊', cancelled: '已取消' }
const actor = { accountId: 'acc_x', roles: ['patient'] }

let b: TestBackend
beforeEach(async () => {
  b = await openBackend({ seed: false })
  await db().collection('things').add({ _id: 't1', status: 'booked' })
  await db().collection('counters').add({ _id: 'c1', free: 0 })
})
afterEach(() => b.close())

const free = async () => ((await db().collection('counters').doc('c1').get()).data[0] as { free: number }).free
const status = async () => ((await db().collection('things').doc('t1').get()).data[0] as { status: S }).status

test('the extra writes land together with the move', async () => {
  await transition({
    collection: 'things',
    id: 't1',
    workflow: flow,
    labels,
    to: 'cancelled',
    actor,
    within: async (tx) => {
      await tx
        .collection('counters')
        .doc('c1')
        .update({ free: db().command.inc(1) })
    }
  })
  expect([await status(), await free()]).toEqual(['cancelled', 1])
})

test('when the extra work fails, the status does not move and no event is written', async () => {
  const move = transition({
    collection: 'things',
    id: 't1',
    workflow: flow,
    labels,
    to: 'cancelled',
    actor,
    within: async (tx) => {
      await tx
        .collection('counters')
        .doc('c1')
        .update({ free: db().command.inc(1) })
      throw new Error('the place could not be given back')
    }
  })
  await expect(move).rejects.toThrow('the place could not be given back')
  expect([await status(), await free()]).toEqual(['booked', 0])
  expect((await db().collection('status_events').where({ docId: 't1' }).count()).total).toBe(0)
})
