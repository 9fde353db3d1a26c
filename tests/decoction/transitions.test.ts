/**
 * The workflow table on the embedded engine: every (from, to) pair through the `transition` helper
 * for both sides (pharmacy and family), every step target through the pharmacist's action, and
 * concurrent moves of one order.
 */
import { transition } from '../../cloudfunctions/common/transition'
import { ORDER_STATUSES, ORDER_STATUS_LABELS, decoctionWorkflow, type OrderStatus } from '../../types/decoction'
import { canMove } from '../../types/workflow'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { eventsFor, forceStatus, freshOrder } from './helpers'

let b: TestBackend
beforeAll(async () => {
  b = await openBackend()
})
afterAll(() => b.close())

const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => ({ from, to })))

describe('every pair through the transition helper', () => {
  const sides = [
    { side: 'the pharmacy', roles: ['pharmacist'] },
    { side: 'the family', roles: ['patient'] }
  ]
  const cells = pairs.flatMap((p) => sides.map((s) => ({ ...p, ...s })))

  test.each(cells)('$from → $to by $side', async ({ from, to, roles }) => {
    const o = await freshOrder(b)
    await forceStatus(o.id, from)
    const attempt = transition({
      collection: 'decoction_orders',
      id: o.id,
      workflow: decoctionWorkflow,
      labels: ORDER_STATUS_LABELS,
      to,
      actor: { accountId: b.accountId('pharmacist'), roles },
      note: '测试'
    })
    if (canMove(decoctionWorkflow, from, to, roles)) {
      const { doc, event } = await attempt
      expect(doc.status).toBe(to)
      expect(event).toMatchObject({ from, to, note: '测试', by: { roles } })
      const events = await eventsFor(o.id)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ from, to, note: '测试', by: { accountId: b.accountId('pharmacist'), roles } })
      expect(Date.parse(events[0].at)).not.toBeNaN()
    } else {
      const code = decoctionWorkflow[from][to] ? 'FORBIDDEN' : 'CONFLICT'
      await expect(attempt).rejects.toMatchObject({ code })
      expect(await eventsFor(o.id)).toHaveLength(0)
    }
  })
})

describe('every step target through the pharmacist’s action', () => {
  const targets = [
    'reviewed',
    'rejected',
    'dispensing',
    'soaking',
    'decocting',
    'packed',
    'shipped',
    'ready_for_pickup',
    'delivered',
    'cancelled'
  ] as const
  const stepInput = (to: (typeof targets)[number]): Record<string, unknown> => {
    switch (to) {
      case 'rejected':
      case 'cancelled':
        return { reason: '处方需医生复核' }
      case 'decocting':
        return {
          machine: '1号煎药机',
          steps: [
            { handling: '先煎', minutes: 30 },
            { handling: '后下', minutes: 10 }
          ]
        }
      case 'packed':
        return { packCount: 14 }
      case 'shipped':
        return { courier: '顺丰速运', trackingNo: 'SF1234567890' }
      default:
        return {}
    }
  }
  const cells = ORDER_STATUSES.flatMap((from) => targets.map((to) => ({ from, to })))

  test.each(cells)('$from → $to', async ({ from, to }) => {
    const o = await freshOrder(b, to === 'ready_for_pickup' ? { delivery: 'pickup', address: undefined } : {})
    await forceStatus(o.id, from)
    const res = await b.callUnchecked('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from, to, ...stepInput(to) }, rid())
    if (canMove(decoctionWorkflow, from, to, ['pharmacist'])) {
      expect(res.ok ? 'ok' : `${res.error.code} ${res.error.message}`).toBe('ok')
      expect(await eventsFor(o.id)).toHaveLength(1)
    } else {
      expect(res.ok ? 'ok' : res.error.code).toBe('CONFLICT')
      if (!res.ok) expect(res.error.message).toContain(`「${ORDER_STATUS_LABELS[from as OrderStatus]}」状态不能变为`)
      expect(await eventsFor(o.id)).toHaveLength(0)
    }
  })
})

describe('two pharmacists at once', () => {
  test('10 identical moves of one order at the same moment: one succeeds, nine are told it moved on, one event', async () => {
    const o = await freshOrder(b)
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        b.call('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'submitted', to: 'reviewed' }, rid())
      )
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const refused = results.filter((r) => !r.ok)
    expect(refused).toHaveLength(9)
    for (const r of refused)
      if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: '状态已变为「审方通过」，请刷新后再操作' })
    expect((await eventsFor(o.id)).map((e) => `${e.from}→${e.to}`)).toEqual(['submitted→reviewed'])
  })

  test('one reviews while another rejects: exactly one of them wins and the order shows that one', async () => {
    const o = await freshOrder(b)
    const [review, reject] = await Promise.all([
      b.call('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'submitted', to: 'reviewed' }, rid()),
      b.call('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'submitted', to: 'rejected', reason: '剂量需复核' }, rid())
    ])
    expect([review.ok, reject.ok].filter(Boolean)).toHaveLength(1)
    const events = await eventsFor(o.id)
    expect(events).toHaveLength(1)
    const detail = await b.ok('li_mei', 'decoction', 'getOrder', { id: o.id })
    expect(detail.order.status).toBe(events[0].to)
  })

  test('the family cancels while the pharmacist starts dispensing: one wins, never both', async () => {
    const o = await freshOrder(b)
    await b.ok('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'submitted', to: 'reviewed' }, rid())
    const [cancel, dispense] = await Promise.all([
      b.call('li_mei', 'decoction', 'cancelOrder', { id: o.id }, rid()),
      b.call('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'reviewed', to: 'dispensing' }, rid())
    ])
    expect([cancel.ok, dispense.ok].filter(Boolean)).toHaveLength(1)
    expect((await eventsFor(o.id)).map((e) => e.to)).toEqual(['reviewed', cancel.ok ? 'cancelled' : 'dispensing'])
  })

  test('one move retried five times at once with the same requestId: five identical replies, one event', async () => {
    const o = await freshOrder(b)
    const requestId = rid()
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        b.call('pharmacist', 'decoction', 'advanceOrder', { id: o.id, from: 'submitted', to: 'reviewed' }, requestId)
      )
    )
    expect(results.every((r) => r.ok)).toBe(true)
    for (const r of results.slice(1)) expect(r).toEqual(results[0])
    expect(await eventsFor(o.id)).toHaveLength(1)
  })
})
