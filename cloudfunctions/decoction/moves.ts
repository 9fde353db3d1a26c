/**
 * Every status change of a decoction order: the workflow table through the common `transition`
 * (the only place a status is written), with the family's reminder for the steps they wait for
 * written in the same transaction: the move and its notice commit together or not at all.
 */
import { ORDER_STATUS_LABELS, RELEASING_STATUSES, decoctionWorkflow, type OrderStatus } from '../../types/decoction'
import { releasedKey } from '../../types/decoction-rules'
import { enqueueIn, type OutboxInput } from '../common/outbox'
import { transition, type Actor } from '../common/transition'
import { ORDERS, type OrderDoc, type StepData } from './docs'

export interface Move {
  id: string
  to: OrderStatus
  actor: Actor
  /** Which side moves it (a pharmacist may also be a family): decides whether the family is told. */
  side: 'family' | 'pharmacy'
  /** The status the person saw; the move is refused if the order has moved on since. */
  from?: OrderStatus
  note?: string
  patch?: Partial<OrderDoc>
  data?: StepData
}

export const DECOCTION_ORDER_PAGE = '/packages/decoction/order/index'

export async function moveOrder(m: Move): Promise<OrderDoc> {
  const patch: Record<string, unknown> = { ...(m.patch ?? {}) }
  // A stopped order lets go of its prescription, so the family may order it again.
  if (RELEASING_STATUSES.includes(m.to)) patch.holdKey = releasedKey(m.id)
  const { doc } = await transition<OrderStatus, OrderDoc>({
    collection: ORDERS,
    id: m.id,
    workflow: decoctionWorkflow,
    labels: ORDER_STATUS_LABELS,
    to: m.to,
    actor: m.actor,
    ...(m.from ? { from: m.from } : {}),
    ...(m.note ? { note: m.note } : {}),
    patch,
    eventData: { side: m.side, ...(m.data ?? {}) },
    within: async (tx, before) => {
      const msg = reminderFor({ ...(before as unknown as OrderDoc), ...patch, status: m.to }, m)
      if (msg) await enqueueIn(tx, msg)
    }
  })
  return doc
}

const clip = (s: string, n = 20) => (Array.from(s).length > n ? Array.from(s).slice(0, n).join('') : s)

/** The family hears when the parcel leaves, when it can be collected, and when the pharmacy stops an order. */
function reminderFor(o: OrderDoc, m: Move): OutboxInput | undefined {
  const byPharmacy = m.side === 'pharmacy'
  let title: string
  let body: string
  if (o.status === 'shipped' && o.courier) {
    title = '代煎中药已发货'
    body = `${o.patientName}的代煎中药（订单${o.orderNo}，共${o.packCount ?? o.doses * o.packsPerDose}袋）已由${o.courier.company}发出，快递单号${o.courier.trackingNo}。`
  } else if (o.status === 'ready_for_pickup') {
    title = '代煎中药可以取了'
    body = `${o.patientName}的代煎中药（订单${o.orderNo}）已备好，请凭订单号到医院中药房取药。`
  } else if (o.status === 'rejected') {
    title = '处方审核未通过'
    body = `${o.patientName}的代煎订单${o.orderNo}审方未通过：${m.note ?? ''}。请联系开方医生。`
  } else if (o.status === 'cancelled' && byPharmacy) {
    title = '代煎订单已取消'
    body = `药房取消了${o.patientName}的代煎订单${o.orderNo}：${m.note ?? ''}。`
  } else {
    return undefined
  }
  return {
    accountId: o.accountId,
    kind: `decoction_${o.status}`,
    title,
    body,
    page: `${DECOCTION_ORDER_PAGE}?id=${o._id}`,
    fields: {
      character_string1: o.orderNo,
      phrase2: ORDER_STATUS_LABELS[o.status],
      thing3: clip(o.courier && o.status === 'shipped' ? `${o.courier.company} ${o.courier.trackingNo}` : (m.note ?? o.patientName))
    },
    dedupeKey: `decoction_${o._id}_${o.status}`
  }
}
