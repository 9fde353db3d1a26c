/**
 * The follow-up task workflow on the embedded engine: every (from, to) pair × every role through
 * the common `transition`, checked against a hand-written copy of DOMAIN.md §4 (open → done with
 * the follow-up, or closed; only the follow-up doctor moves a task).
 */
import { transition } from '../../cloudfunctions/common/transition'
import { db } from '../../cloudfunctions/common/db'
import { ROLES } from '../../types/contract'
import { TASK_STATUSES, TASK_STATUS_LABELS, taskWorkflow, type TaskStatus } from '../../types/records'
import { openBackend, type TestBackend } from '../helpers/backend'

const DOMAIN: Record<TaskStatus, Partial<Record<TaskStatus, string[]>>> = {
  open: { done: ['doctor'], closed: ['doctor'] },
  done: {},
  closed: {}
}

let b: TestBackend
beforeAll(async () => {
  b = await openBackend({ seed: false })
})
afterAll(() => b.close())

let n = 0
async function taskIn(status: TaskStatus): Promise<string> {
  const _id = `fu_t${n++}`
  await db()
    .collection('follow_up_tasks')
    .add({
      _id,
      profileId: 'p1',
      accountId: 'a1',
      patientName: '测试',
      reason: 'planned',
      status,
      openKey: `x:${_id}`,
      dueDate: '2026-12-01',
      readingIds: []
    })
  return _id
}

const cells = TASK_STATUSES.flatMap((from) =>
  TASK_STATUSES.flatMap((to) => [...ROLES, 'system' as const].map((role) => ({ from, to, role })))
)

test('the table in types/records.ts is DOMAIN.md’s', () => {
  expect(taskWorkflow).toEqual(DOMAIN)
})

test.each(cells)('$from → $to by $role', async ({ from, to, role }) => {
  const id = await taskIn(from)
  const attempt = transition({
    collection: 'follow_up_tasks',
    id,
    workflow: taskWorkflow,
    labels: TASK_STATUS_LABELS,
    to,
    actor: { accountId: 'acc', roles: [role] }
  })
  const events = async () => (await db().collection('status_events').where({ docId: id }).get()).data
  if (DOMAIN[from][to]?.includes(role)) {
    await expect(attempt).resolves.toMatchObject({ doc: { status: to }, event: { from, to } })
    expect(await events()).toHaveLength(1)
  } else {
    await expect(attempt).rejects.toMatchObject({ code: DOMAIN[from][to] ? 'FORBIDDEN' : 'CONFLICT' })
    expect(await events()).toHaveLength(0)
  }
})
