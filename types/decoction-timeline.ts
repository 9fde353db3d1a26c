/**
 * An order's history as the family reads it: the steps on the way to their door, those done with
 * their time and what was recorded (machine, packs, courier and tracking number), the rest to come.
 */
import { ORDER_STATUS_LABELS, type EventView, type OrderStatus, type OrderView } from './decoction'
import { formatCst } from './decoction-rules'

export interface TimelineStep {
  status: OrderStatus
  title: string
  /** When the step happened (China time), for steps done. */
  time?: string
  details: string[]
  state: 'done' | 'current' | 'todo'
}

const COURIER_PATH: OrderStatus[] = ['submitted', 'reviewed', 'dispensing', 'soaking', 'decocting', 'packed', 'shipped', 'delivered']
const PICKUP_PATH: OrderStatus[] = [
  'submitted',
  'reviewed',
  'dispensing',
  'soaking',
  'decocting',
  'packed',
  'ready_for_pickup',
  'delivered'
]

const TITLES: Record<OrderStatus, string> = {
  submitted: '提交订单',
  reviewed: '药师审方通过',
  rejected: '审方未通过',
  dispensing: '调配药材',
  soaking: '浸泡药材',
  decocting: '煎煮',
  packed: '包装',
  shipped: '快递发货',
  ready_for_pickup: '可到药房取药',
  delivered: '已签收',
  cancelled: '订单已取消'
}

function titleOf(status: OrderStatus, order: Pick<OrderView, 'delivery'>, event?: EventView): string {
  if (status === 'delivered') return order.delivery === 'pickup' ? '已取药' : event?.by === 'pharmacy' ? '已签收（药房确认）' : '已签收'
  if (status === 'cancelled' && event) return event.by === 'patient' ? '您已取消订单' : '药房已取消订单'
  return TITLES[status] ?? ORDER_STATUS_LABELS[status]
}

function detailsOf(e: EventView): string[] {
  const out: string[] = []
  if (e.machine) out.push(`煎药机：${e.machine}`)
  // A start time entered afterwards (earlier than the step was recorded) is worth showing; "now" is not.
  if (e.startedAt && formatCst(e.startedAt) !== formatCst(e.at)) out.push(`开始时间：${formatCst(e.startedAt, false)}`)
  for (const s of e.steps ?? []) out.push(`${s.handling}：${s.herbs.join('、')} ${s.minutes}分钟`)
  if (e.packCount !== undefined) out.push(`共${e.packCount}袋`)
  if (e.courier) out.push(`快递公司：${e.courier}`)
  if (e.trackingNo) out.push(`快递单号：${e.trackingNo}`)
  if (e.note) out.push(e.to === 'rejected' || e.to === 'cancelled' ? `原因：${e.note}` : `备注：${e.note}`)
  return out
}

export function buildTimeline(order: Pick<OrderView, 'status' | 'delivery' | 'createdAt'>, events: readonly EventView[]): TimelineStep[] {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at))
  const byTarget = new Map<OrderStatus, EventView>()
  for (const e of sorted) byTarget.set(e.to, e)
  const submitted: TimelineStep = {
    status: 'submitted',
    title: TITLES.submitted,
    time: formatCst(order.createdAt),
    details: [],
    state: 'done'
  }

  if (order.status === 'cancelled' || order.status === 'rejected') {
    // An order that stopped: only what happened, ending with the stop.
    const steps = [
      submitted,
      ...sorted.map((e) => ({
        status: e.to,
        title: titleOf(e.to, order, e),
        time: formatCst(e.at),
        details: detailsOf(e),
        state: 'done' as const
      }))
    ]
    steps[steps.length - 1].state = 'current'
    return steps
  }

  const path = order.delivery === 'pickup' ? PICKUP_PATH : COURIER_PATH
  const at = path.indexOf(order.status)
  return path.map((status, i) => {
    const e = byTarget.get(status)
    const state: TimelineStep['state'] = i < at ? 'done' : i === at ? (status === 'delivered' ? 'done' : 'current') : 'todo'
    if (status === 'submitted') return { ...submitted, state: at === 0 ? 'current' : 'done' }
    return {
      status,
      title: titleOf(status, order, e),
      ...(e && i <= at ? { time: formatCst(e.at) } : {}),
      details: e && i <= at ? detailsOf(e) : [],
      state
    }
  })
}

/** What the family is waiting for now, one sentence. */
export function statusHint(order: Pick<OrderView, 'status' | 'delivery'>): string {
  switch (order.status) {
    case 'submitted':
      return '订单已提交，等待药师审方。药房开始调配前可以取消。'
    case 'reviewed':
      return '药师已审方，即将调配药材。开始调配前仍可取消。'
    case 'dispensing':
    case 'soaking':
    case 'decocting':
      return '药房正在为您代煎中药，请耐心等待。'
    case 'packed':
      return order.delivery === 'pickup' ? '药已包装好，即将通知您取药。' : '药已包装好，即将交给快递。'
    case 'shipped':
      return '药已发出，收到后请点「确认收货」。'
    case 'ready_for_pickup':
      return '药已备好，请凭订单号到医院中药房取药，取到后请点「确认取药」。'
    case 'delivered':
      return order.delivery === 'pickup' ? '您已取药，请按医嘱服用。' : '您已签收，请按医嘱服用。'
    case 'rejected':
      return '药师审方未通过，请联系开方医生。'
    case 'cancelled':
      return '订单已取消，如需代煎可重新申请。'
  }
}
