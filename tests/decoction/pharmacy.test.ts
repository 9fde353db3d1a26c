import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import type { AdvanceInput, OrderStatus } from '../../types/decoction'
import type { PageCursor } from '../../types/paging'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { eventsFor, forceStatus, freshOrder, rawOrder } from './helpers'

let b: TestBackend
const NOW = '2026-11-23T01:00:00.000Z' // 09:00 in the decoction room
beforeEach(async () => {
  setNow(NOW)
  b = await openBackend()
})
afterEach(async () => {
  setNow(undefined)
  await b.close()
})

const queue = (status: OrderStatus, after?: PageCursor) =>
  b.ok('pharmacist', 'decoction', 'queue', after === undefined ? { status } : { status, after })
const advance = (data: Record<string, unknown>) => b.call('pharmacist', 'decoction', 'advanceOrder', data as AdvanceInput, rid())
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString()

async function audits(target: string) {
  return (await db().collection('audit_log').where({ target }).get()).data as Array<{ actor: { accountId: string }; action: string }>
}

describe('the queue', () => {
  test('shows names and phones masked, with a count for every working status', async () => {
    const q = await queue('submitted')
    expect(q.orders.map((o) => [o.patientNameMasked, o.phoneMasked])).toEqual([['张*', '158****1290']])
    expect(q.counts).toEqual({
      submitted: 1,
      reviewed: 0,
      dispensing: 0,
      soaking: 1,
      decocting: 1,
      packed: 0,
      shipped: 1,
      ready_for_pickup: 0
    })
    expect(JSON.stringify(q)).not.toMatch(/张伟|15806351290/)
  })

  test('newest first, a page at a time', async () => {
    const docs = Array.from({ length: 25 }, (_, i) => rawOrder(i, 'reviewed', minutesAgo(100 - i)))
    await db().collection('decoction_orders').add(docs)
    const first = await queue('reviewed')
    expect(first.orders).toHaveLength(20)
    expect(first.hasMore).toBe(true)
    expect(first.orders[0].orderNo).toBe('T0000000024')
    const rest = await queue('reviewed', first.next)
    expect(rest.orders.map((o) => o.orderNo)).toEqual(['T0000000004', 'T0000000003', 'T0000000002', 'T0000000001', 'T0000000000'])
    expect(rest.hasMore).toBe(false)
  })

  test('加载更多 goes on from the last order shown: one moved on by another pharmacist meanwhile skips no one, a new one at the top is not shown twice', async () => {
    const docs = Array.from({ length: 25 }, (_, i) => rawOrder(i, 'reviewed', minutesAgo(100 - i)))
    const { ids } = await db().collection('decoction_orders').add(docs)
    const first = await queue('reviewed')
    expect(first.orders.map((o) => o.orderNo)).toEqual(Array.from({ length: 20 }, (_, i) => `T${String(24 - i).padStart(10, '0')}`))
    // While she reads page one, a colleague starts dispensing two of its orders and a new order arrives.
    await forceStatus((ids as string[])[24], 'dispensing')
    await forceStatus((ids as string[])[10], 'dispensing')
    await db()
      .collection('decoction_orders')
      .add(rawOrder(99, 'reviewed', minutesAgo(1)))
    const rest = await queue('reviewed', first.next)
    expect(rest.orders.map((o) => o.orderNo)).toEqual(['T0000000004', 'T0000000003', 'T0000000002', 'T0000000001', 'T0000000000'])
    expect(rest.hasMore).toBe(false)
    expect(rest.next).toBeUndefined()
  })

  test('orders sharing one instant are paged past exactly, however many share it', async () => {
    const same = minutesAgo(30)
    const docs = Array.from({ length: 45 }, (_, i) => rawOrder(i, 'packed', i < 5 ? minutesAgo(60 - i) : same))
    await db().collection('decoction_orders').add(docs)
    const seen: string[] = []
    let page = await queue('packed')
    seen.push(...page.orders.map((o) => o.orderNo))
    while (page.hasMore) {
      page = await queue('packed', page.next)
      seen.push(...page.orders.map((o) => o.orderNo))
    }
    expect(seen).toHaveLength(45)
    expect(new Set(seen).size).toBe(45)
    expect(seen.slice(-5)).toEqual(['T0000000004', 'T0000000003', 'T0000000002', 'T0000000001', 'T0000000000'])
  })

  test('a page position that is not one the server made is refused with a field error', async () => {
    const res = await b.call('pharmacist', 'decoction', 'queue', { status: 'reviewed', after: { at: 'yesterday', same: 1 } })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  test('soaking past the hospital’s soaking time is flagged and listed first', async () => {
    await db()
      .collection('decoction_orders')
      .add([
        rawOrder(1, 'soaking', minutesAgo(60), { soakStartedAt: minutesAgo(10) }),
        rawOrder(2, 'soaking', minutesAgo(50), { soakStartedAt: minutesAgo(31) }),
        rawOrder(3, 'soaking', minutesAgo(40), { soakStartedAt: minutesAgo(30) })
      ])
    const q = await queue('soaking')
    expect(q.soakingMinutes).toBe(30)
    expect(q.orders.map((o) => [o.orderNo, o.soakedMinutes, o.overdue])).toEqual([
      [expect.any(String), 45, true], // the demo child's order, soaking since 08:15
      ['T0000000002', 31, true],
      ['T0000000003', 30, false],
      ['T0000000001', 10, false]
    ])
    expect(q.overdue).toBe(2)
  })

  test('a hospital that soaks for 50 minutes sees fewer overdue', async () => {
    await db()
      .collection('settings')
      .add({ _id: 'hospital', decoction: { soakingMinutes: 50 } })
    clearSettingsCache()
    const q = await queue('soaking')
    expect(q.soakingMinutes).toBe(50)
    expect(q.orders[0].overdue).toBe(false)
    expect(q.overdue).toBe(0)
  })

  test('a family account cannot open the queue', async () => {
    const res = await b.call('li_mei', 'decoction', 'queue', { status: 'submitted' })
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN')
  })
})

describe('search', () => {
  test('by order number, full name or phone, always masked, and audited', async () => {
    const o = await freshOrder(b)
    const search = async (q: string) => (await b.ok('pharmacist', 'decoction', 'searchOrders', { q })).orders
    expect((await search(o.orderNo.toLowerCase())).map((x) => x.id)).toEqual([o.id])
    const byName = await search('李德福')
    expect(byName.map((x) => x.patientNameMasked)).toEqual(['李*福', '李*福'])
    expect(byName[0].id).toBe(o.id)
    expect((await search('139 5318 7721')).map((x) => x.id)).toContain(o.id)
    expect(await search('李德')).toEqual([])
    expect(await audits('decoction_orders:search')).toHaveLength(4)
  })
})

describe('opening one order', () => {
  test('shows the real name, phone and address, the herbs with their handling, and is audited', async () => {
    const o = await freshOrder(b)
    const detail = await b.ok('pharmacist', 'decoction', 'openOrder', { id: o.id })
    expect(detail.order).toMatchObject({
      patientName: '李德福',
      contactPhone: '13953187721',
      address: { detail: '济北街道开元小区5号楼2单元302' }
    })
    expect(detail.prescription.herbs.filter((h) => h.handling).map((h) => `${h.name}${h.handling}`)).toEqual([
      '制附子先煎',
      '砂仁后下',
      '阿胶烊化'
    ])
    const log = await audits(`decoction_orders:${o.id}`)
    expect(log).toEqual([
      expect.objectContaining({ action: 'openOrder', actor: expect.objectContaining({ accountId: b.accountId('pharmacist') }) })
    ])
  })
})

describe('working an order through every step', () => {
  test('review → dispense → soak → decoct with 先煎/后下 → pack → ship: each step recorded; the family is told and sees it all', async () => {
    const o = await freshOrder(b)
    // Each step at its own moment of the morning (`at`, minutes before 09:00): the rules check the times.
    const steps: Array<Record<string, unknown> & { at: number }> = [
      { at: 70, from: 'submitted', to: 'reviewed' },
      { at: 60, from: 'reviewed', to: 'dispensing' },
      { at: 40, from: 'dispensing', to: 'soaking', startedAt: minutesAgo(45) },
      {
        at: 10,
        from: 'soaking',
        to: 'decocting',
        machine: '3号煎药机',
        steps: [
          { handling: '先煎', minutes: 30 },
          { handling: '后下', minutes: 10 }
        ]
      },
      { at: 0, from: 'decocting', to: 'packed', packCount: 14 },
      { at: 0, from: 'packed', to: 'shipped', courier: '顺丰速运', trackingNo: 'sf1234567890' }
    ]
    for (const { at, ...s } of steps) {
      setNow(minutesAgo(at))
      const res = await advance({ id: o.id, ...s })
      expect(res.ok ? res.data.status : res.error.message).toBe(s.to)
    }
    setNow(NOW)

    const detail = await b.ok('li_mei', 'decoction', 'getOrder', { id: o.id })
    expect(detail.order).toMatchObject({
      status: 'shipped',
      soakStartedAt: minutesAgo(45),
      decoction: {
        machine: '3号煎药机',
        steps: [
          { handling: '先煎', herbs: ['制附子'], minutes: 30 },
          { handling: '后下', herbs: ['砂仁'], minutes: 10 }
        ]
      },
      packCount: 14,
      courier: { company: '顺丰速运', trackingNo: 'SF1234567890' }
    })
    expect(detail.events.map((e) => `${e.from}→${e.to} ${e.by}`)).toEqual([
      'submitted→reviewed pharmacy',
      'reviewed→dispensing pharmacy',
      'dispensing→soaking pharmacy',
      'soaking→decocting pharmacy',
      'decocting→packed pharmacy',
      'packed→shipped pharmacy'
    ])
    expect(detail.events[5]).toMatchObject({ courier: '顺丰速运', trackingNo: 'SF1234567890' })
    expect(detail.events.every((e) => e.byName === undefined)).toBe(true)

    const staffView = await b.ok('pharmacist', 'decoction', 'openOrder', { id: o.id })
    expect(staffView.events.every((e) => e.byName === '钱志刚')).toBe(true)

    const { messages } = await b.ok('li_mei', 'account', 'listMessages', {})
    const shipped = messages.find((m) => m.kind === 'decoction_shipped')
    expect(shipped?.body).toBe(`李德福的代煎中药（订单${o.orderNo}，共14袋）已由顺丰速运发出，快递单号SF1234567890。`)
    expect(shipped?.page).toBe(`/packages/decoction/order/index?id=${o.id}`)
  })

  test('a pickup order is made ready for pickup and the family is told where', async () => {
    const o = await freshOrder(b, { delivery: 'pickup' })
    await forceStatus(o.id, 'packed', { packCount: 14 })
    const ship = await advance({ id: o.id, from: 'packed', to: 'shipped', courier: '顺丰速运', trackingNo: 'SF1234567890' })
    expect(ship).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该订单为到院自取，请选择「通知取药」' } })
    expect((await advance({ id: o.id, from: 'packed', to: 'ready_for_pickup' })).ok).toBe(true)
    const { messages } = await b.ok('li_mei', 'account', 'listMessages', {})
    expect(messages.find((m) => m.kind === 'decoction_ready_for_pickup')?.body).toContain('请凭订单号到医院中药房取药')
  })

  test('decocting asks for exactly the 先煎/后下 the prescription has', async () => {
    const o = await freshOrder(b)
    await forceStatus(o.id, 'soaking', { soakStartedAt: minutesAgo(35) })
    const missing = await advance({
      id: o.id,
      from: 'soaking',
      to: 'decocting',
      machine: '3号煎药机',
      steps: [{ handling: '先煎', minutes: 30 }]
    })
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { steps: '处方中有需要后下的药，请记录后下的时间' } }
    })
    const noMachine = await advance({ id: o.id, from: 'soaking', to: 'decocting', steps: [] })
    expect(noMachine).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { machine: '请填写煎药机' } } })
    const beforeSoak = await advance({
      id: o.id,
      from: 'soaking',
      to: 'decocting',
      machine: '3号',
      startedAt: minutesAgo(40),
      steps: [
        { handling: '先煎', minutes: 30 },
        { handling: '后下', minutes: 10 }
      ]
    })
    expect(beforeSoak).toMatchObject({ ok: false, error: { fields: { startedAt: '煎煮开始时间不能早于浸泡开始时间' } } })
    expect(await eventsFor(o.id)).toEqual([])
  })

  test('a soak started before dispensing began is refused unless the pharmacist says why; the family reads the reason', async () => {
    const o = await freshOrder(b)
    setNow(minutesAgo(20))
    await advance({ id: o.id, from: 'submitted', to: 'reviewed' })
    await advance({ id: o.id, from: 'reviewed', to: 'dispensing' })
    setNow(NOW)
    const early = await advance({ id: o.id, from: 'dispensing', to: 'soaking', startedAt: minutesAgo(25) })
    expect(early).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: {
          startedAt: '浸泡开始时间08:35早于配药开始时间08:40，请核对；如确实如此，请填写原因',
          timeReason: '如时间无误，请填写原因'
        }
      }
    })
    expect((await eventsFor(o.id)).map((e) => e.to)).toEqual(['reviewed', 'dispensing'])
    const explained = await advance({
      id: o.id,
      from: 'dispensing',
      to: 'soaking',
      startedAt: minutesAgo(25),
      timeReason: '配药前已先泡上，补录'
    })
    expect(explained.ok && explained.data).toMatchObject({ status: 'soaking', soakStartedAt: minutesAgo(25) })
    const detail = await b.ok('li_mei', 'decoction', 'getOrder', { id: o.id })
    expect(detail.events.map((e) => e.at)).toEqual([minutesAgo(20), minutesAgo(20), NOW])
    expect(detail.events[2]).toMatchObject({ startedAt: minutesAgo(25), note: '时间说明：配药前已先泡上，补录' })
  })

  test('decocting before the soak’s set time has passed is refused unless the pharmacist says why; at exactly 30 minutes it goes', async () => {
    const decoct = (id: string, startedAt: string, more: Record<string, unknown> = {}) =>
      advance({
        id,
        from: 'soaking',
        to: 'decocting',
        machine: '3号煎药机',
        startedAt,
        steps: [
          { handling: '先煎', minutes: 30 },
          { handling: '后下', minutes: 10 }
        ],
        ...more
      })
    const o = await freshOrder(b)
    await forceStatus(o.id, 'soaking', { soakStartedAt: minutesAgo(40) })
    const early = await decoct(o.id, minutesAgo(11))
    expect(early).toMatchObject({
      ok: false,
      error: { fields: { startedAt: '浸泡08:20开始，到煎煮开始只有29分钟，未满30分钟，请核对；如确需提前，请填写原因' } }
    })
    expect(await eventsFor(o.id)).toEqual([])
    const onTime = await decoct(o.id, minutesAgo(10))
    expect(onTime.ok && onTime.data.status).toBe('decocting')

    const other = await freshOrder(b)
    await forceStatus(other.id, 'soaking', { soakStartedAt: minutesAgo(15) })
    const ordered = await decoct(other.id, NOW, { timeReason: '医生嘱咐急煎' })
    expect(ordered.ok && ordered.data.status).toBe('decocting')
    expect((await eventsFor(other.id))[0]).toMatchObject({ note: '时间说明：医生嘱咐急煎' })
  })

  test('soaking cannot start in the future; the pack count must match the prescription', async () => {
    const o = await freshOrder(b)
    await forceStatus(o.id, 'dispensing')
    const future = await advance({ id: o.id, from: 'dispensing', to: 'soaking', startedAt: '2026-11-23T02:00:00.000Z' })
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { startedAt: '开始时间不能晚于现在' } } })
    await forceStatus(o.id, 'decocting')
    const miscount = await advance({ id: o.id, from: 'decocting', to: 'packed', packCount: 12 })
    expect(miscount).toMatchObject({ ok: false, error: { fields: { packCount: '处方7剂、每剂2袋，应包装14袋，实际填写12袋，请核对' } } })
    expect(await eventsFor(o.id)).toEqual([])
  })

  test('rejected with a reason: the family is told why and may order the prescription again', async () => {
    const o = await freshOrder(b)
    const noReason = await advance({ id: o.id, from: 'submitted', to: 'rejected' })
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { reason: '请填写原因' } } })
    const rejected = await advance({ id: o.id, from: 'submitted', to: 'rejected', reason: '附子剂量需医生复核' })
    expect(rejected.ok && rejected.data).toMatchObject({ status: 'rejected', rejectReason: '附子剂量需医生复核' })
    const { messages } = await b.ok('li_mei', 'account', 'listMessages', {})
    expect(messages.find((m) => m.kind === 'decoction_rejected')?.body).toContain('附子剂量需医生复核')
    const again = await b.call(
      'li_mei',
      'decoction',
      'submitOrder',
      { prescriptionId: o.prescriptionId, delivery: 'pickup', contactName: '李梅', contactPhone: '13805312468' },
      rid()
    )
    expect(again.ok).toBe(true)
  })

  test('a pharmacist who saw an older status is told what it became', async () => {
    const o = await freshOrder(b)
    await advance({ id: o.id, from: 'submitted', to: 'reviewed' })
    const stale = await advance({ id: o.id, from: 'submitted', to: 'rejected', reason: '剂量需复核' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '状态已变为「审方通过」，请刷新后再操作' } })
  })
})

test('the label carries the order number, masked name, doses, packs and handling notes', async () => {
  const o = await freshOrder(b)
  const label = await b.ok('pharmacist', 'decoction', 'orderLabel', { id: o.id })
  expect(label).toMatchObject({
    orderNo: o.orderNo,
    patientNameMasked: '李*福',
    doses: 7,
    packsPerDose: 2,
    packs: 14,
    mlPerPack: 200,
    handlings: [
      { handling: '先煎', herbs: ['制附子'] },
      { handling: '后下', herbs: ['砂仁'] },
      { handling: '烊化', herbs: ['阿胶'] }
    ]
  })
  expect(JSON.stringify(label)).not.toContain('李德福')
})
