/**
 * The order workflow against DOMAIN.md section 2, written out here once more by hand so that the
 * table in types/decoction.ts is checked against the spec, not against itself. Every (from, to)
 * pair and every role is generated.
 */
import { ROLES } from '../../types/contract'
import { ORDER_STATUSES, decoctionWorkflow, type OrderStatus } from '../../types/decoction'
import { canMove, nextSteps } from '../../types/workflow'

const SPEC: Array<[OrderStatus, OrderStatus, string[]]> = [
  ['submitted', 'reviewed', ['pharmacist']],
  ['submitted', 'rejected', ['pharmacist']],
  ['reviewed', 'dispensing', ['pharmacist']],
  ['dispensing', 'soaking', ['pharmacist']],
  ['soaking', 'decocting', ['pharmacist']],
  ['decocting', 'packed', ['pharmacist']],
  ['packed', 'shipped', ['pharmacist']],
  ['packed', 'ready_for_pickup', ['pharmacist']],
  ['shipped', 'delivered', ['pharmacist', 'patient']],
  ['ready_for_pickup', 'delivered', ['pharmacist', 'patient']],
  ['submitted', 'cancelled', ['patient', 'pharmacist']],
  ['reviewed', 'cancelled', ['patient', 'pharmacist']]
]

const allowedBy = (from: OrderStatus, to: OrderStatus): string[] => SPEC.find(([f, t]) => f === from && t === to)?.[2] ?? []

const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => ({ from, to })))
const cells = pairs.flatMap(({ from, to }) => [...ROLES, 'system'].map((role) => ({ from, to, role })))

test('every status has a row, and nothing but the spec is in the table', () => {
  expect(Object.keys(decoctionWorkflow).sort()).toEqual([...ORDER_STATUSES].sort())
  const rows = ORDER_STATUSES.flatMap((from) =>
    Object.entries(decoctionWorkflow[from]).map(([to, who]) => [from, to, [...(who ?? [])].sort()] as [string, string, string[]])
  )
  expect(rows.sort()).toEqual(SPEC.map(([f, t, who]) => [f, t, [...who].sort()]).sort())
})

describe.each(cells)('$from → $to by $role', ({ from, to, role }) => {
  const allowed = allowedBy(from, to).includes(role)
  test(allowed ? 'is allowed' : 'is refused', () => {
    expect(canMove(decoctionWorkflow, from, to, [role])).toBe(allowed)
  })
})

test('the buttons a pharmacist sees are exactly the spec’s next steps', () => {
  for (const from of ORDER_STATUSES) {
    const expected = SPEC.filter(([f, , who]) => f === from && who.includes('pharmacist')).map(([, t]) => t)
    expect(nextSteps(decoctionWorkflow, from, ['pharmacist']).sort()).toEqual(expected.sort())
  }
})

test('a family can only cancel before dispensing and confirm receipt', () => {
  const moves = ORDER_STATUSES.flatMap((from) => nextSteps(decoctionWorkflow, from, ['patient']).map((to) => `${from}→${to}`))
  expect(moves.sort()).toEqual(['ready_for_pickup→delivered', 'reviewed→cancelled', 'shipped→delivered', 'submitted→cancelled'])
})

test('ended orders go nowhere', () => {
  for (const end of ['rejected', 'delivered', 'cancelled'] as const) expect(nextSteps(decoctionWorkflow, end, [...ROLES])).toEqual([])
})
