import { defineWorkflow, nextSteps } from '../../types/workflow'
import { transition } from '../../cloudfunctions/common/transition'
import { db } from '../../cloudfunctions/common/db'
import { AppError } from '../../cloudfunctions/common/errors'
import { openBackend, type TestBackend } from '../helpers/backend'

type S = 'open' | 'working' | 'done' | 'dropped'
const flow = defineWorkflow<S>({
  open: { working: ['pharmacist'], dropped: ['pharmacist', 'patient'] },
  working: { done: ['pharmacist'] },
  done: {},
  dropped: {}
})
const labels: Record<S, string> = { open: '待处理', working: '处理中', done: '已完成', dropped: '已取消' }
const pharmacist = { accountId: 'acc_ph', roles: ['patient', 'pharmacist'] }
const patient = { accountId: 'acc_pt', roles: ['patient'] }

let b: TestBackend
let id: string
beforeEach(async () => {
  b = await openBackend({ seed: false })
  id = (await db().collection('things').add({ status: 'open' })).id as string
})
afterEach(() => b.close())

async function attempt(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (err) {
    return err instanceof AppError ? err.code : `unexpected ${String(err)}`
  }
}

describe('the transition helper', () => {
  test('an allowed step moves the status and records who, when, from, to and the note', async () => {
    await transition({
      collection: 'things',
      id,
      workflow: flow,
      labels,
      to: 'working',
      actor: pharmacist,
      note: '开始',
      patch: { machine: 'A3' }
    })
    const doc = (await db().collection('things').doc(id).get()).data[0]
    expect(doc).toMatchObject({ status: 'working', machine: 'A3' })
    const events = (await db().collection('status_events').where({ docId: id }).get()).data
    expect(events).toEqual([expect.objectContaining({ collection: 'things', from: 'open', to: 'working', note: '开始', by: pharmacist })])
  })

  test('a step not in the table is CONFLICT, a role not allowed is FORBIDDEN, and neither writes', async () => {
    expect(await attempt(transition({ collection: 'things', id, workflow: flow, labels, to: 'done', actor: pharmacist }))).toBe('CONFLICT')
    expect(await attempt(transition({ collection: 'things', id, workflow: flow, labels, to: 'working', actor: patient }))).toBe('FORBIDDEN')
    expect((await db().collection('things').doc(id).get()).data[0].status).toBe('open')
    expect((await db().collection('status_events').where({ docId: id }).count()).total).toBe(0)
  })

  test('two people moving the same thing at once: exactly one wins, the other is told it moved on', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        attempt(transition({ collection: 'things', id, workflow: flow, labels, from: 'open', to: 'working', actor: pharmacist }))
      )
    )
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(7)
    expect((await db().collection('status_events').where({ docId: id }).count()).total).toBe(1)
  })

  test('the app reads the same table to know which buttons a person has', () => {
    expect(nextSteps(flow, 'open', ['patient'])).toEqual(['dropped'])
    expect(nextSteps(flow, 'open', ['patient', 'pharmacist'])).toEqual(['working', 'dropped'])
    expect(nextSteps(flow, 'done', ['pharmacist'])).toEqual([])
  })
})
