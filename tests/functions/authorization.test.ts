/**
 * Generated from the router's action registry: every action × every role × another family's data.
 * A new action is covered here as soon as it is registered, through its contract's `example`.
 */
import { ROLES, type ActionSpec } from '../../types/contract'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures, ROLE_ACCOUNTS, snapshot } from '../helpers/matrix'
import { contextFor } from '../../cloudfunctions/local/session'

const cells = Object.values(cloudFunctions).flatMap((fn) =>
  Object.entries(fn.actions as Record<string, ActionSpec>).map(([action, spec]) => ({ fn: fn.name, action, spec }))
)

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

describe.each(cells)('$fn $action', ({ fn, action, spec }) => {
  const callAs = async (who: string | null, data: unknown) => b.callUnchecked(who, fn, action, data, spec.requestId ? rid() : undefined)

  test('nobody signed in is refused with UNAUTHENTICATED', async () => {
    if (spec.roles.length === 1 && spec.roles[0] === 'system') return
    const f = await buildFixtures(b)
    const before = await snapshot()
    const res = await callAs(null, spec.example(f))
    expect(res.ok ? 'ok' : res.error.code).toBe('UNAUTHENTICATED')
    expect(await snapshot()).toBe(before)
  })

  if (spec.roles.includes('system')) {
    test('nobody signed in posting a timer event for it is refused with UNAUTHENTICATED and nothing runs', async () => {
      const before = await snapshot()
      const res = await cloudFunctions[fn].main({ Type: 'Timer', TriggerName: action }, contextFor(undefined, fn, rid()))
      expect(res.ok ? 'ok' : res.error.code).toBe('UNAUTHENTICATED')
      expect(await snapshot()).toBe(before)
    })
  }

  test.each(ROLES.map((role) => ({ role })))('as $role', async ({ role }) => {
    const f = await buildFixtures(b)
    const before = await snapshot()
    const res = await callAs(ROLE_ACCOUNTS[role], spec.example(f))
    // Every account is also a patient account: a staff member may look after their own family.
    const held = role === 'patient' ? ['patient'] : ['patient', role]
    if (spec.roles.some((r) => held.includes(r))) {
      const code = res.ok ? 'ok' : res.error.code
      expect(['UNAUTHENTICATED', 'FORBIDDEN', 'INVALID_INPUT', 'INTERNAL']).not.toContain(code)
    } else {
      expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN')
      expect(await snapshot()).toBe(before)
    }
  })

  if (spec.foreign) {
    test("a family cannot reach another family's data", async () => {
      const f = await buildFixtures(b)
      const before = await snapshot()
      const res = await callAs(ROLE_ACCOUNTS.patient, spec.foreign!(f))
      expect(res.ok ? 'ok' : res.error.code).toMatch(/^(NOT_FOUND|FORBIDDEN)$/)
      expect(await snapshot()).toBe(before)
    })
  }
})
