import type { EventView, OrderStatus } from '../../types/decoction'
import { buildTimeline, statusHint } from '../../types/decoction-timeline'

const created = '2026-11-23T00:10:00.000Z'
const ev = (from: OrderStatus, to: OrderStatus, at: string, more: Partial<EventView> = {}): EventView => ({
  from,
  to,
  at,
  by: 'pharmacy',
  ...more
})

const shippedEvents: EventView[] = [
  ev('submitted', 'reviewed', '2026-11-23T00:20:00.000Z'),
  ev('reviewed', 'dispensing', '2026-11-23T00:30:00.000Z'),
  ev('dispensing', 'soaking', '2026-11-23T00:40:00.000Z', { startedAt: '2026-11-23T00:40:00.000Z' }),
  ev('soaking', 'decocting', '2026-11-23T01:15:00.000Z', {
    machine: '3号煎药机',
    startedAt: '2026-11-23T01:10:00.000Z',
    steps: [{ handling: '先煎', herbs: ['附子'], minutes: 30 }]
  }),
  ev('decocting', 'packed', '2026-11-23T02:30:00.000Z', { packCount: 14 }),
  ev('packed', 'shipped', '2026-11-23T03:00:00.000Z', { courier: '顺丰速运', trackingNo: 'SF1234567890' })
]

test('a shipped courier order: six steps done with times, shipping current with courier and number, receipt to come', () => {
  const steps = buildTimeline({ status: 'shipped', delivery: 'courier', createdAt: created }, shippedEvents)
  expect(steps.map((s) => [s.status, s.state])).toEqual([
    ['submitted', 'done'],
    ['reviewed', 'done'],
    ['dispensing', 'done'],
    ['soaking', 'done'],
    ['decocting', 'done'],
    ['packed', 'done'],
    ['shipped', 'current'],
    ['delivered', 'todo']
  ])
  expect(steps[0].time).toBe('2026-11-23 08:10')
  expect(steps[3].details).toEqual([]) // soaking recorded as it started: no separate start time
  expect(steps[4].details).toEqual(['煎药机：3号煎药机', '开始时间：11-23 09:10', '先煎：附子 30分钟'])
  expect(steps[5].details).toEqual(['共14袋'])
  expect(steps[6]).toMatchObject({ time: '2026-11-23 11:00', details: ['快递公司：顺丰速运', '快递单号：SF1234567890'] })
  expect(steps[7].time).toBeUndefined()
})

test('a delivered order has every step done; the family confirming shows as 已签收', () => {
  const events = [...shippedEvents, { ...ev('shipped', 'delivered', '2026-11-24T02:00:00.000Z'), by: 'patient' as const }]
  const steps = buildTimeline({ status: 'delivered', delivery: 'courier', createdAt: created }, events)
  expect(steps.every((s) => s.state === 'done')).toBe(true)
  expect(steps[7]).toMatchObject({ title: '已签收', time: '2026-11-24 10:00' })
})

test('a pickup order goes through 可到药房取药 and ends with 已取药', () => {
  const steps = buildTimeline({ status: 'packed', delivery: 'pickup', createdAt: created }, shippedEvents.slice(0, 5))
  expect(steps.map((s) => s.status)).toEqual([
    'submitted',
    'reviewed',
    'dispensing',
    'soaking',
    'decocting',
    'packed',
    'ready_for_pickup',
    'delivered'
  ])
  expect(steps[6].title).toBe('可到药房取药')
  expect(steps[7].title).toBe('已取药')
  expect(steps[5].state).toBe('current')
})

test('a just-submitted order has the first step current and the rest to come', () => {
  const steps = buildTimeline({ status: 'submitted', delivery: 'courier', createdAt: created }, [])
  expect(steps[0].state).toBe('current')
  expect(steps.slice(1).every((s) => s.state === 'todo' && s.time === undefined)).toBe(true)
})

test('a cancelled order shows only what happened, ending with who cancelled and why', () => {
  const events = [
    ev('submitted', 'reviewed', '2026-11-23T00:20:00.000Z'),
    { ...ev('reviewed', 'cancelled', '2026-11-23T00:25:00.000Z', { note: '改为自己煎' }), by: 'patient' as const }
  ]
  const steps = buildTimeline({ status: 'cancelled', delivery: 'courier', createdAt: created }, events)
  expect(steps.map((s) => [s.title, s.state])).toEqual([
    ['提交订单', 'done'],
    ['药师审方通过', 'done'],
    ['您已取消订单', 'current']
  ])
  expect(steps[2].details).toEqual(['原因：改为自己煎'])
})

test('a rejected order ends with the pharmacist’s reason', () => {
  const steps = buildTimeline({ status: 'rejected', delivery: 'pickup', createdAt: created }, [
    ev('submitted', 'rejected', '2026-11-23T00:20:00.000Z', { note: '处方中附子剂量超出常规，请医生确认' })
  ])
  expect(steps.map((s) => s.title)).toEqual(['提交订单', '审方未通过'])
  expect(steps[1].details).toEqual(['原因：处方中附子剂量超出常规，请医生确认'])
})

test('events arriving out of order are placed by time', () => {
  const steps = buildTimeline({ status: 'dispensing', delivery: 'courier', createdAt: created }, [...shippedEvents.slice(0, 2)].reverse())
  expect(steps[1].time).toBe('2026-11-23 08:20')
  expect(steps[2]).toMatchObject({ state: 'current', time: '2026-11-23 08:30' })
})

test('every status has a sentence for the family', () => {
  for (const status of [
    'submitted',
    'reviewed',
    'dispensing',
    'soaking',
    'decocting',
    'packed',
    'shipped',
    'ready_for_pickup',
    'delivered',
    'rejected',
    'cancelled'
  ] as const) {
    expect(statusHint({ status, delivery: 'courier' })).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect(statusHint({ status: 'ready_for_pickup', delivery: 'pickup' })).toContain('取药')
})
