/**
 * One timeline per patient from every service's collection, read directly by profileId (never
 * through another function's code): appointments, decoction orders, nursing visits, readings and
 * follow-ups, newest first. Each is served by a (profileId, time) index. The first page has no upper
 * bound, so booked visits still to come lead it (an appointment's time is its visit's).
 */
import { APPOINTMENT_STATUS_LABELS } from '../../types/booking'
import { dateLabel } from '../../types/booking-rules'
import { ORDER_STATUS_LABELS } from '../../types/decoction'
import { NURSING_STATUS_LABELS } from '../../types/nursing'
import { READING_KIND_LABELS, TIMELINE_KIND_LABELS, type TimelineItem } from '../../types/records'
import { CLASSIFICATION_LABELS, cstDay, type RecordRules } from '../../types/records-rules'
import { db } from '../common/db'
import { collection } from '../common/typed'
import {
  APPOINTMENTS,
  DECOCTION_ORDERS,
  FOLLOW_UPS,
  NURSING_VISITS,
  READINGS,
  type AppointmentRow,
  type FollowUpDoc,
  type ReadingDoc,
  type Row
} from './docs'
import type { ProfileDoc } from '../common/patients'
import { flagOf, readingDisplay } from './views'
import type { PatientContext } from '../../types/records-rules'

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const item = (kind: TimelineItem['kind'], rest: Omit<TimelineItem, 'kind' | 'kindLabel'>): TimelineItem => ({
  kind,
  kindLabel: TIMELINE_KIND_LABELS[kind],
  ...rest
})

/**
 * One page: the `limit` newest items before `before` (null: the first page, with nothing above it).
 * Items sharing the instant of the first one left out are left out too, so that the next page,
 * which starts strictly before the last instant shown, loses none of them.
 */
export async function timelinePage(
  p: ProfileDoc,
  before: string | null,
  limit: number,
  ctx: PatientContext,
  rules: RecordRules,
  nowIso: string
): Promise<{ items: TimelineItem[]; nextBefore: string | null }> {
  const _ = db().command
  const take = limit + 1
  const q = <T extends { _id: string }>(c: string, field: string) =>
    collection<T>(c)
      .where({ profileId: p._id, ...(before ? { [field]: _.lt(before) } : {}) })
      .orderBy(field, 'desc')
      .limit(take)
      .get()
  const [appts, orders, nursing, readings, followUps] = await Promise.all([
    // By day, then by the visit's time below: a day's visits past `before` are dropped after the read.
    collection<AppointmentRow>(APPOINTMENTS)
      .where({ profileId: p._id, ...(before ? { date: _.lte(cstDay(before)) } : {}) })
      .orderBy('date', 'desc')
      .limit(take + 10)
      .get(),
    q<Row>(DECOCTION_ORDERS, 'createdAt'),
    q<Row>(NURSING_VISITS, 'createdAt'),
    q<ReadingDoc>(READINGS, 'measuredAt'),
    q<FollowUpDoc>(FOLLOW_UPS, 'at')
  ])
  const items: TimelineItem[] = []
  for (const a of appts.data) {
    const at = new Date(`${str(a.date)}T${str(a.start) || '00:00'}:00+08:00`).toISOString()
    if (before && at >= before) continue
    const status = str(a.status)
    const when = /^\d{4}-\d{2}-\d{2}$/.test(str(a.date)) ? `${dateLabel(str(a.date))} ${str(a.start)}-${str(a.end)}` : ''
    const referredBy = str(a.channel) === 'referral' && str(a.bookedByName) ? `随访医生${str(a.bookedByName)}预约` : ''
    items.push(
      item('appointment', {
        id: str(a._id),
        at,
        title: `${str(a.departmentName)} ${str(a.doctorName)} ${str(a.doctorTitle)}`.trim(),
        detail: [when, `${str(a.hospitalName)}${str(a.place) ? ` ${str(a.place)}` : ''}`, referredBy].filter(Boolean).join(' · '),
        status: APPOINTMENT_STATUS_LABELS[status as keyof typeof APPOINTMENT_STATUS_LABELS] ?? status,
        flag: null,
        upcoming: status === 'booked' && at > nowIso
      })
    )
  }
  for (const o of orders.data) {
    const status = str(o.status)
    items.push(
      item('decoction_order', {
        id: str(o._id),
        at: str(o.createdAt),
        title: `中药代煎 ${str(o.orderNo)}`,
        detail: `处方${str(o.rxNo)}`,
        status: ORDER_STATUS_LABELS[status as keyof typeof ORDER_STATUS_LABELS] ?? status,
        flag: null,
        upcoming: false
      })
    )
  }
  for (const v of nursing.data) {
    const names = Array.isArray(v.items) ? (v.items as Row[]).map((i) => str(i.name)).filter(Boolean) : []
    items.push(
      item('nursing_visit', {
        id: str(v._id),
        at: str(v.createdAt),
        title: '上门护理',
        detail: names.join('、'),
        status: NURSING_STATUS_LABELS[str(v.status) as keyof typeof NURSING_STATUS_LABELS] ?? (str(v.status) || null),
        flag: null,
        upcoming: false
      })
    )
  }
  for (const r of readings.data) {
    const flag = flagOf(r, ctx, rules)
    items.push(
      item('reading', {
        id: r._id,
        at: r.measuredAt,
        title: `${READING_KIND_LABELS[r.kind]} ${readingDisplay(r)}`,
        detail: flag.advice,
        status: flag.label,
        flag,
        upcoming: false
      })
    )
  }
  for (const f of followUps.data) {
    items.push(
      item('follow_up', {
        id: f._id,
        at: f.at,
        title: `${f.doctorName}医生随访`,
        detail: `${CLASSIFICATION_LABELS[f.classification]}；下次随访 ${f.form.nextDate}`,
        status: CLASSIFICATION_LABELS[f.classification],
        flag: null,
        upcoming: false
      })
    )
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  if (items.length <= limit) return { items, nextBefore: null }
  const cut = items[limit].at
  const page = items.slice(0, limit).filter((i) => i.at !== cut)
  // A page of one instant only cannot be cut before it: read wider until the instant fits whole.
  if (!page.length) return timelinePage(p, before, limit * 4, ctx, rules, nowIso)
  return { items: page, nextBefore: page[page.length - 1].at }
}
