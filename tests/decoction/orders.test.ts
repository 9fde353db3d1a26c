import { db } from '../../cloudfunctions/common/db'
import { clearSettingsCache } from '../../cloudfunctions/common/settings'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import type { PrescriptionView } from '../../types/decoction'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { HOME, countOrders, eventsFor, forceStatus, freshOrder, order, prescribe, profileOf } from './helpers'

let b: TestBackend
beforeEach(async () => {
  b = await openBackend()
})
afterEach(() => b.close())

const addresses = async (as = 'li_mei') => (await b.ok(as, 'decoction', 'listAddresses', {})).addresses

async function newPrescription(): Promise<PrescriptionView> {
  const father = await profileOf(b, 'li_mei', '李德福')
  return prescribe(b, father.id)
}

describe('the family orders decoction and delivery', () => {
  test('courier to the father’s home: submitted, listed under 订单, the prescription shows it, the address is kept', async () => {
    const rx = await newPrescription()
    const o = await order(b, rx.id, { address: { region: '济南市济阳区', detail: '纬二路108号3单元201' } })
    expect(o).toMatchObject({ status: 'submitted', delivery: 'courier', patientName: '李德福', doses: 7, packsPerDose: 2 })
    expect(o.orderNo).toMatch(/^D\d{8}\d{4}$/)

    const { orders } = await b.ok('li_mei', 'decoction', 'listOrders', {})
    expect(orders[0]).toMatchObject({ id: o.id, status: 'submitted' })
    const again = await b.ok('li_mei', 'decoction', 'getPrescription', { id: rx.id })
    expect(again.order).toEqual({ id: o.id, orderNo: o.orderNo, status: 'submitted' })
    expect((await addresses())[0]).toMatchObject({ contactName: '李德福', detail: '纬二路108号3单元201' })
  })

  test('a retried submit with the same requestId gives the same order, and only one exists', async () => {
    const rx = await newPrescription()
    const input = { prescriptionId: rx.id, delivery: 'pickup' as const, contactName: '李梅', contactPhone: '13805312468' }
    const requestId = rid()
    const [a, c] = await Promise.all([
      b.ok('li_mei', 'decoction', 'submitOrder', input, requestId),
      b.ok('li_mei', 'decoction', 'submitOrder', input, requestId)
    ])
    expect(c.id).toBe(a.id)
    expect(await countOrders({ prescriptionId: rx.id })).toBe(1)
  })

  test('two submits of one prescription from two phones: one order, the other told its number', async () => {
    const rx = await newPrescription()
    const input = { prescriptionId: rx.id, delivery: 'pickup' as const, contactName: '李梅', contactPhone: '13805312468' }
    const results = await Promise.all(Array.from({ length: 5 }, () => b.call('li_mei', 'decoction', 'submitOrder', input, rid())))
    const won = results.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    const orderNo = won[0].ok ? won[0].data.orderNo : ''
    for (const r of results.filter((x) => !x.ok))
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: `这张处方已申请代煎（订单号${orderNo}），请在订单中查看` } })
    expect(await countOrders({ prescriptionId: rx.id })).toBe(1)
  })

  test('courier without an address is refused under 收货地址 and nothing is written', async () => {
    const rx = await newPrescription()
    const before = await countOrders()
    const res = await b.call(
      'li_mei',
      'decoction',
      'submitOrder',
      { prescriptionId: rx.id, delivery: 'courier', contactName: '李梅', contactPhone: '13805312468' },
      rid()
    )
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { address: '快递到家请填写收货地址' } } })
    expect(await countOrders()).toBe(before)
  })

  test('a bad phone and a too-short address are named in Chinese', async () => {
    const rx = await newPrescription()
    const res = await b.call(
      'li_mei',
      'decoction',
      'submitOrder',
      {
        prescriptionId: rx.id,
        delivery: 'courier',
        contactName: '李梅',
        contactPhone: '1380531',
        address: { region: '济阳', detail: '纬二' }
      },
      rid()
    )
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: { contactPhone: '手机号应为11位数字，以1开头', 'address.detail': '详细地址至少4个字，写到门牌号' }
      }
    })
  })

  test('pickup keeps no address', async () => {
    const rx = await newPrescription()
    const before = (await addresses()).length
    const o = await order(b, rx.id, { delivery: 'pickup', address: HOME })
    expect(o.address).toBeNull()
    expect((await addresses()).length).toBe(before)
  })

  test('another family’s prescription cannot be ordered', async () => {
    const child = await profileOf(b, 'zhang_wei', '张子涵')
    const theirs = await prescribe(b, child.id)
    const res = await b.call(
      'li_mei',
      'decoction',
      'submitOrder',
      { prescriptionId: theirs.id, delivery: 'pickup', contactName: '李梅', contactPhone: '13805312468' },
      rid()
    )
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND')
    expect(await countOrders({ prescriptionId: theirs.id })).toBe(0)
  })
})

describe('contact and address left once', () => {
  test('the same address used again stays one entry, moved to the top', async () => {
    const first = await newPrescription()
    await order(b, first.id, { address: { region: '济南市历下区', detail: '泉城路180号2单元' } })
    const second = await newPrescription()
    await order(b, second.id, { address: HOME })
    const list = await addresses()
    expect(list[0]).toMatchObject(HOME)
    expect(list.filter((a) => a.detail === HOME.detail)).toHaveLength(1)
  })

  test('not remembering leaves the saved list alone', async () => {
    const rx = await newPrescription()
    const before = await addresses()
    await order(b, rx.id, { address: { region: '济南市历下区', detail: '泉城路180号2单元' }, remember: false })
    expect(await addresses()).toEqual(before)
  })

  test('only the most recent few are kept (settings.decoction.maxSavedAddresses)', async () => {
    await db()
      .collection('settings')
      .add({ _id: 'hospital', decoction: { maxSavedAddresses: 2 } })
    clearSettingsCache()
    for (const n of [1, 2, 3]) {
      await b.ok('li_mei', 'decoction', 'saveAddress', {
        contactName: '李梅',
        contactPhone: '13805312468',
        region: '济南市历下区',
        detail: `泉城路${n}号`
      })
    }
    expect((await addresses()).map((a) => a.detail).sort()).toEqual(['泉城路2号', '泉城路3号'])
  })

  test('a saved address can be corrected and removed; another family’s cannot be touched', async () => {
    const [mine] = await addresses()
    const fixed = await b.ok('li_mei', 'decoction', 'saveAddress', {
      id: mine.id,
      contactName: '李德福',
      contactPhone: '13953187721',
      region: '济南市济阳区',
      detail: '济北街道开元小区5号楼2单元301'
    })
    expect(fixed.detail).toBe('济北街道开元小区5号楼2单元301')
    const [theirs] = await addresses('zhang_wei')
    const steal = await b.call('li_mei', 'decoction', 'removeAddress', { id: theirs.id })
    expect(steal.ok ? 'ok' : steal.error.code).toBe('NOT_FOUND')
    expect(await addresses('zhang_wei')).toHaveLength(1)
    await b.ok('li_mei', 'decoction', 'removeAddress', { id: mine.id })
    expect(await addresses()).toEqual([])
  })
})

describe('cancelling and confirming', () => {
  test('cancelled before dispensing: the step is the family’s, and the prescription may be ordered again', async () => {
    const o = await freshOrder(b)
    const cancelled = await b.ok('li_mei', 'decoction', 'cancelOrder', { id: o.id, reason: '改为到院自取' }, rid())
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '改为到院自取' })
    expect(await eventsFor(o.id)).toEqual([
      expect.objectContaining({
        from: 'submitted',
        to: 'cancelled',
        note: '改为到院自取',
        by: { accountId: b.accountId('li_mei'), roles: ['patient'] }
      })
    ])
    const rx = await b.ok('li_mei', 'decoction', 'getPrescription', { id: o.prescriptionId })
    expect(rx.order).toBeNull()
    const again = await order(b, o.prescriptionId, { delivery: 'pickup' })
    expect(again.status).toBe('submitted')
  })

  test('after dispensing has started the family cannot cancel, and nothing changes', async () => {
    const o = await freshOrder(b)
    await forceStatus(o.id, 'dispensing')
    const res = await b.call('li_mei', 'decoction', 'cancelOrder', { id: o.id }, rid())
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '药房已开始调配，不能再取消了；如有疑问请联系医院中药房' } })
    expect(await eventsFor(o.id)).toEqual([])
  })

  test('receipt can be confirmed once shipped, not before', async () => {
    const o = await freshOrder(b)
    await forceStatus(o.id, 'packed')
    const early = await b.call('li_mei', 'decoction', 'confirmReceipt', { id: o.id }, rid())
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '药还没有发出，暂时不能确认收货' } })
    await forceStatus(o.id, 'shipped')
    const done = await b.ok('li_mei', 'decoction', 'confirmReceipt', { id: o.id }, rid())
    expect(done.status).toBe('delivered')
    const detail = await b.ok('li_mei', 'decoction', 'getOrder', { id: o.id })
    expect(detail.events).toEqual([expect.objectContaining({ from: 'shipped', to: 'delivered', by: 'patient' })])
    expect(detail.events[0].byName).toBeUndefined()
  })

  test('another family’s order cannot be read, cancelled or confirmed, and does not change', async () => {
    const child = await profileOf(b, 'zhang_wei', '张子涵')
    const theirs = await order(b, (await prescribe(b, child.id)).id, { delivery: 'pickup' }, 'zhang_wei')
    for (const [action, requestId] of [
      ['getOrder', undefined],
      ['cancelOrder', rid()],
      ['confirmReceipt', rid()]
    ] as const) {
      const res = await b.call('li_mei', 'decoction', action, { id: theirs.id }, requestId)
      expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND')
    }
    const { orders } = await b.ok('li_mei', 'decoction', 'listOrders', {})
    expect(orders.some((x) => x.id === theirs.id)).toBe(false)
    expect(await eventsFor(theirs.id)).toEqual([])
  })
})

describe('a profile with a live decoction order', () => {
  test('cannot be removed until the order is cancelled; then it goes, with its event', async () => {
    await b.ok('liu_yang', 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
    const mother = await b.ok(
      'liu_yang',
      'account',
      'addProfile',
      { name: '王秀英', idNumber: '370125195203150025', phone: '13905310002', relation: 'parent' },
      rid()
    )
    const rx = await prescribe(b, mother.id)
    const o = await order(
      b,
      rx.id,
      { delivery: 'pickup', contactName: '刘洋', contactPhone: '13905310003', address: undefined },
      'liu_yang'
    )
    const refused = await b.call('liu_yang', 'account', 'removeProfile', { id: mother.id })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '这位就诊人还有未完成的代煎订单，请在订单完成或取消后再删除' }
    })
    await b.ok('liu_yang', 'decoction', 'cancelOrder', { id: o.id, reason: '不需要了' }, rid())
    await b.ok('liu_yang', 'account', 'removeProfile', { id: mother.id })
    const events = await db().collection('status_events').where({ collection: 'profiles', docId: mother.id }).get()
    expect(events.data).toMatchObject([{ from: 'active', to: 'removed', by: { accountId: b.accountId('liu_yang'), roles: ['patient'] } }])
  })
})

describe('a pharmacist who is also a family', () => {
  test('cancelling their own family order is the family’s step on the timeline, and no pharmacy notice is sent', async () => {
    await b.ok('pharmacist', 'account', 'grantHealthDataConsent', { version: HEALTH_DATA_CONSENT_VERSION })
    const mother = await b.ok(
      'pharmacist',
      'account',
      'addProfile',
      { name: '钱桂兰', idNumber: '370125195203150025', phone: '13905310004', relation: 'parent' },
      rid()
    )
    const rx = await prescribe(b, mother.id)
    const o = await order(
      b,
      rx.id,
      { delivery: 'pickup', contactName: '钱志刚', contactPhone: '13905310005', address: undefined },
      'pharmacist'
    )
    await b.ok('pharmacist', 'decoction', 'cancelOrder', { id: o.id, reason: '不需要了' }, rid())
    const detail = await b.ok('pharmacist', 'decoction', 'getOrder', { id: o.id })
    expect(detail.events.at(-1)).toMatchObject({ to: 'cancelled', by: 'patient' })
    // The event still records who they are: every role the account holds.
    const [event] = await eventsFor(o.id)
    expect(event.by.roles).toEqual(expect.arrayContaining(['patient', 'pharmacist']))
    const { messages } = await b.ok('pharmacist', 'account', 'listMessages', {})
    expect(messages.map((m) => m.title)).not.toContain('代煎订单已取消')
  })
})
