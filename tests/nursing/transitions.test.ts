/**
 * The home nursing workflow against a hand-written copy of DOMAIN.md §3 (plus the decisions
 * documented on `nursingWorkflow`): every (from, to) pair × every role through the table, and every
 * pair through the common `transition` on the embedded engine.
 */
import { transition } from '../../cloudfunctions/common/transition'
import { db } from '../../cloudfunctions/common/db'
import { ROLES, type Caller } from '../../types/contract'
import { NURSING_STATUSES, NURSING_STATUS_LABELS, nursingWorkflow, type NursingStatus } from '../../types/nursing'
import { canMove, nextSteps } from '../../types/workflow'
import { openBackend, type TestBackend } from '../helpers/backend'

const D = 'nursing_dispatcher'
/** DOMAIN.md §3, written out by hand: "from to: who". */
const ALLOWED: Record<string, Caller[]> = {
  'submitted assessed': [D],
  'submitted rejected': [D],
  'submitted cancelled': ['patient', D],
  'assessed assigned': [D],
  'assessed cancelled': ['patient', D],
  'assigned accepted': ['nurse'],
  // The nurse declines, or 护理部 takes the visit back to reassign it.
  'assigned assessed': ['nurse', D],
  'assigned cancelled': ['patient', D],
  'accepted en_route': ['nurse'],
  'accepted assessed': [D],
  'accepted cancelled': ['patient', D],
  'en_route arrived': ['nurse'],
  // The family may still cancel once the nurse has set out (the visit fee is kept); 护理部 until arrival.
  'en_route cancelled': ['patient', D],
  'arrived in_service': ['nurse'],
  'in_service completed': ['nurse'],
  'completed rated': ['patient']
}

const callers: Caller[] = [...ROLES, 'system']
const pairs = NURSING_STATUSES.flatMap((from) => NURSING_STATUSES.map((to) => ({ from, to })))

describe('the table, every pair × every role', () => {
  test.each(pairs.flatMap((p) => callers.map((role) => ({ ...p, role }))))('$from → $to by $role', ({ from, to, role }) => {
    const expected = (ALLOWED[`${from} ${to}`] ?? []).includes(role)
    expect(canMove(nursingWorkflow, from, to, [role])).toBe(expected)
  })

  test('nothing leaves a final status', () => {
    for (const s of ['rated', 'rejected', 'cancelled'] as const) expect(nextSteps(nursingWorkflow, s, [...callers])).toEqual([])
  })

  test('after arrival nobody may cancel', () => {
    for (const s of ['arrived', 'in_service', 'completed', 'rated'] as const) {
      expect(canMove(nursingWorkflow, s, 'cancelled', [...callers])).toBe(false)
    }
  })

  test('every status has a row and a Chinese label', () => {
    for (const s of NURSING_STATUSES) {
      expect(nursingWorkflow[s]).toBeDefined()
      expect(NURSING_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('every pair through transition on the engine', () => {
  let b: TestBackend
  beforeAll(async () => {
    b = await openBackend({ seed: false })
  })
  afterAll(() => b.close())

  let n = 0
  test.each(pairs)('$from → $to', async ({ from, to }) => {
    const id = `t${++n}`
    await db().collection('nursing_requests').add({ _id: id, status: from, nurseSlot: `free|${id}` })
    const allowed = ALLOWED[`${from} ${to}`]
    const roles = allowed ? ['patient', allowed[allowed.length - 1]] : ['patient', 'nurse', D]
    const attempt = transition<NursingStatus, { status: NursingStatus }>({
      collection: 'nursing_requests',
      id,
      workflow: nursingWorkflow,
      labels: NURSING_STATUS_LABELS,
      to,
      actor: { accountId: 'acc_test', roles }
    })
    const events = () => db().collection('status_events').where({ docId: id }).get()
    if (allowed) {
      await expect(attempt).resolves.toMatchObject({ doc: { status: to }, event: { from, to } })
      expect((await events()).data).toHaveLength(1)
    } else {
      await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' })
      expect((await events()).data).toHaveLength(0)
    }
  })
})
