/** Reads the decoction actions share: one document by id (with the family's ownership), events, counters. */
import type { OrderStatus } from '../../types/decoction'
import { holdKey } from '../../types/decoction-rules'
import { db } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import type { StatusEvent } from '../common/transition'
import { COUNTERS, EVENTS, ORDERS, PRESCRIPTIONS, type OrderDoc, type PrescriptionDoc, type StepData } from './docs'
import { collection } from '../common/typed'

const ORDER_NOT_FOUND = '没有找到这个订单'
const RX_NOT_FOUND = '没有找到这张处方'

/** The family's own order; another family's order is NOT_FOUND, never FORBIDDEN (nothing to learn). */
export async function ownOrder(accountId: string, id: string): Promise<OrderDoc> {
  const res = await collection<OrderDoc>(ORDERS).where({ _id: id, accountId }).get()
  const doc = res.data[0]
  if (!doc) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND)
  return doc
}

export async function anyOrder(id: string): Promise<OrderDoc> {
  const res = await collection<OrderDoc>(ORDERS).where({ _id: id }).get()
  const doc = res.data[0]
  if (!doc) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND)
  return doc
}

export async function ownPrescription(accountId: string, id: string): Promise<PrescriptionDoc> {
  const res = await collection<PrescriptionDoc>(PRESCRIPTIONS).where({ _id: id, accountId }).get()
  const doc = res.data[0]
  if (!doc) throw new AppError('NOT_FOUND', RX_NOT_FOUND)
  return doc
}

export async function anyPrescription(id: string): Promise<PrescriptionDoc> {
  const res = await collection<PrescriptionDoc>(PRESCRIPTIONS).where({ _id: id }).get()
  const doc = res.data[0]
  if (!doc) throw new AppError('NOT_FOUND', RX_NOT_FOUND)
  return doc
}

/** The orders holding these prescriptions (at most one each, by the unique hold key). */
export async function holders(prescriptionIds: string[]): Promise<Map<string, OrderDoc>> {
  const out = new Map<string, OrderDoc>()
  if (!prescriptionIds.length) return out
  const _ = db().command
  const res = await collection<OrderDoc>(ORDERS)
    .where({ holdKey: _.in(prescriptionIds.map(holdKey)) })
    .limit(prescriptionIds.length)
    .get()
  for (const o of res.data) out.set(o.prescriptionId, o)
  return out
}

export type OrderEvent = StatusEvent<OrderStatus> & { data?: StepData }

export async function eventsOf(orderId: string): Promise<OrderEvent[]> {
  const res = await db().collection(EVENTS).where({ docId: orderId, collection: ORDERS }).orderBy('at', 'asc').limit(100).get()
  return res.data as OrderEvent[]
}

/** Names of the staff who moved an order, for the pharmacy's history. */
export async function staffNames(accountIds: string[]): Promise<Map<string, string>> {
  const ids = Array.from(new Set(accountIds))
  if (!ids.length) return new Map()
  const res = await db()
    .collection('staff')
    .where({ _id: db().command.in(ids) })
    .get()
  return new Map((res.data as Array<{ _id: string; name: string }>).map((s) => [s._id, s.name]))
}

/** The next number of a daily sequence (order and prescription numbers). Gaps are fine; repeats are not. */
export async function nextSequence(key: string): Promise<number> {
  const _ = db().command
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await db()
      .collection(COUNTERS)
      .where({ _id: key })
      .updateAndReturn({ n: _.inc(1) })
    if (res.doc) return (res.doc as { n: number }).n
    try {
      await db().collection(COUNTERS).add({ _id: key, n: 1 })
      return 1
    } catch (err) {
      // Someone else started the day's sequence at the same moment: take the next number.
      if (!isDuplicateKeyError(err)) throw err
    }
  }
  throw new Error(`counter ${key} kept changing`)
}
