/** Builders for decoction tests: a prescription entered by the pharmacy, an order placed by the family, orders put in any status. */
import { db } from '../../cloudfunctions/common/db'
import type { ProfileView } from '../../types/account'
import type { HerbInput, OrderStatus, OrderView, PrescriptionView } from '../../types/decoction'
import { holdKey, searchKeysOf } from '../../types/decoction-rules'
import { rid, type TestBackend } from '../helpers/backend'

export const HERBS: HerbInput[] = [
  { name: '黄芪', grams: 30, handling: null },
  { name: '当归', grams: 15, handling: null },
  { name: '制附子', grams: 9, handling: '先煎' },
  { name: '砂仁', grams: 6, handling: '后下' },
  { name: '阿胶', grams: 10, handling: '烊化' }
]

export const HOME = { region: '济南市济阳区', detail: '济北街道开元小区5号楼2单元302' }

export async function profileOf(b: TestBackend, account: string, name: string): Promise<ProfileView> {
  const { profiles } = await b.ok(account, 'account', 'listProfiles', {})
  const p = profiles.find((x) => x.name === name)
  if (!p) throw new Error(`no profile ${name}`)
  return p
}

export async function prescribe(b: TestBackend, profileId: string, more: Record<string, unknown> = {}): Promise<PrescriptionView> {
  return b.ok(
    'pharmacist',
    'decoction',
    'createPrescription',
    {
      profileId,
      doctorName: '孟庆和',
      herbs: HERBS,
      doses: 7,
      packsPerDose: 2,
      mlPerPack: 200,
      instructions: '每日1剂，早晚饭后温服',
      ...more
    },
    rid()
  )
}

export async function order(b: TestBackend, prescriptionId: string, more: Record<string, unknown> = {}, as = 'li_mei'): Promise<OrderView> {
  return b.ok(
    as,
    'decoction',
    'submitOrder',
    { prescriptionId, delivery: 'courier', contactName: '李德福', contactPhone: '13953187721', address: HOME, ...more },
    rid()
  )
}

/** 李德福 gets a new prescription and 李梅 orders it: an order in `submitted`. */
export async function freshOrder(b: TestBackend, more: Record<string, unknown> = {}): Promise<OrderView> {
  const father = await profileOf(b, 'li_mei', '李德福')
  const rx = await prescribe(b, father.id)
  return order(b, rx.id, more)
}

/** Test setup only: puts an order straight into a status, bypassing the workflow (as if it had got there). */
export async function forceStatus(id: string, status: OrderStatus, extra: Record<string, unknown> = {}): Promise<void> {
  await db()
    .collection('decoction_orders')
    .doc(id)
    .update({ status, ...extra })
}

/** Many orders at once straight through the SDK (no events): for queue listings. */
export function rawOrder(i: number, status: OrderStatus, createdAt: string, extra: Record<string, unknown> = {}) {
  const base = {
    orderNo: `T${String(i).padStart(10, '0')}`,
    patientName: '王秀英',
    patientPhone: '13800000000',
    contactName: '王秀英',
    contactPhone: '13800000000'
  }
  return {
    ...base,
    prescriptionId: `rx_${i}`,
    rxNo: `RXT${i}`,
    profileId: 'p_test',
    accountId: 'acc_test',
    delivery: 'courier',
    address: HOME,
    doses: 7,
    packsPerDose: 2,
    mlPerPack: 200,
    handlings: [],
    status,
    holdKey: holdKey(`rx_${i}`),
    searchKeys: searchKeysOf(base),
    createdAt,
    updatedAt: createdAt,
    ...extra
  }
}

export async function eventsFor(orderId: string) {
  const res = await db().collection('status_events').where({ docId: orderId }).orderBy('at', 'asc').get()
  return res.data as Array<{
    from: string
    to: string
    by: { accountId: string; roles: string[] }
    at: string
    note?: string
    data?: Record<string, unknown>
  }>
}

export async function countOrders(where: Record<string, unknown> = {}): Promise<number> {
  return (await db().collection('decoction_orders').where(where).count()).total
}
