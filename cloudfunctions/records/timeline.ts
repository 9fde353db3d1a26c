/**
 * One timeline per patient from every service's collection, read directly by profileId (never
 * through another function's code): appointments, decoction orders, nursing visits (once that
 * collection is declared), readings and follow-ups, newest first.
 */
import { APPOINTMENT_STATUS_LABELS } from '../../types/booking'
import { ORDER_STATUS_LABELS } from '../../types/decoction'
import { READING_KIND_LABELS, TIMELINE_KIND_LABELS, type TimelineItem } from '../../types/records'
import { CLASSIFICATION_LABELS, cstDay, type RecordRules } from '../../types/records-rules'
import { manifest } from '../common/collections'
import { db } from '../common/db'
import { APPOINTMENTS, DECOCTION_ORDERS, FOLLOW_UPS, NURSING_VISITS, READINGS, type FollowUpDoc, type ReadingDoc } from './docs'
import type { PatientDoc } from './reads'
import { flagOf, readingDisplay } from './views'
import type { PatientContext } from '../../types/records-rules'

type Row = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const item = (kind: TimelineItem['kind'], rest: Omit<TimelineItem, 'kind' | 'kindLabel'>): TimelineItem => ({
  kind,
  kindLabel: TIMELINE_KIND_LABELS[kind],
  ...rest
})

export async function timelinePage(
  p: PatientDoc,
  before: string,
  limit: number,
  ctx: PatientContext,
  rules: RecordRules
): Promise<{ items: TimelineItem[]; nextBefore: string | null }> {
  const _ = db().command
  const take = limit + 1
  const q = (c: string, field: string) =>
    db()
      .collection(c)
      .where({ profileId: p._id, [field]: _.lt(before) })
      .orderBy(field, 'desc')
      .limit(take)
      .get()
  const hasNursing = manifest.collections.some((c) => c.name === NURSING_VISITS)
  const [appts, orders, nursing, readings, followUps] = await Promise.all([
    db()
      .collection(APPOINTMENTS)
      .where({ profileId: p._id, date: _.lte(cstDay(before)) })
      .orderBy('date', 'desc')
      .limit(take + 10)
      .get(),
    q(DECOCTION_ORDERS, 'createdAt'),
    hasNursing ? q(NURSING_VISITS, 'createdAt') : Promise.resolve({ data: [] }),
    q(READINGS, 'measuredAt'),
    q(FOLLOW_UPS, 'at')
  ])
  const items: TimelineItem[] = []
  for (const a of appts.data as Row[]) {
    const at = new Date(`${str(a.date)}T${str(a.start) || '00:00'}:00+08:00`).toISOString()
    if (at >= before) continue
    const status = str(a.status)
    items.push(
      item('appointment', {
        id: str(a._id),
        at,
        title: `${str(a.departmentName)} ${str(a.doctorName)}`.trim(),
        detail: `${str(a.hospitalName)} ${str(a.date)} ${str(a.start)}-${str(a.end)}`.trim(),
        status: APPOINTMENT_STATUS_LABELS[status as keyof typeof APPOINTMENT_STATUS_LABELS] ?? status,
        flag: null
      })
    )
  }
  for (const o of orders.data as Row[]) {
    const status = str(o.status)
    items.push(
      item('decoction_order', {
        id: str(o._id),
        at: str(o.createdAt),
        title: `中药代煎 ${str(o.orderNo)}`,
        detail: `处方${str(o.rxNo)}`,
        status: ORDER_STATUS_LABELS[status as keyof typeof ORDER_STATUS_LABELS] ?? status,
        flag: null
      })
    )
  }
  for (const v of nursing.data as Row[]) {
    const names = Array.isArray(v.items) ? (v.items as Row[]).map((i) => str(i.name)).filter(Boolean) : []
    items.push(
      item('nursing_visit', {
        id: str(v._id),
        at: str(v.createdAt),
        title: '上门护理',
        detail: names.join('、'),
        status: str(v.status) || null,
        flag: null
      })
    )
  }
  for (const r of readings.data as ReadingDoc[]) {
    const flag = flagOf(r, ctx, rules)
    items.push(
      item('reading', {
        id: r._id,
        at: r.measuredAt,
        title: `${READING_KIND_LABELS[r.kind]} ${readingDisplay(r)}`,
        detail: flag.advice,
        status: flag.label,
        flag
      })
    )
  }
  for (const f of followUps.data as FollowUpDoc[]) {
    items.push(
      item('follow_up', {
        id: f._id,
        at: f.at,
        title: `${f.doctorName}医生随访`,
        detail: `${CLASSIFICATION_LABELS[f.classification]}；下次随访 ${f.form.nextDate}`,
        status: CLASSIFICATION_LABELS[f.classification],
        flag: null
      })
    )
  }
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  const page = items.slice(0, limit)
  return { items: page, nextBefore: items.length > limit && page.length ? page[page.length - 1].at : null }
}
