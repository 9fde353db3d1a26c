import { Text } from '@tarojs/components'
import React from 'react'
import { APPOINTMENT_STATUS_LABELS, SCHEDULE_STATUS_LABELS, type AppointmentStatus, type ScheduleStatus } from '../../types/booking'
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../types/decoction'
import './status-tag.scss'

type Tone = 'new' | 'work' | 'out' | 'done' | 'stop' | 'draft'

interface Family<S extends string> {
  labels: Record<S, string>
  tones: Record<S, Tone>
}

/** Each service's statuses, their Chinese labels and the colour a person reads them by. */
const FAMILIES = {
  appointment: {
    labels: APPOINTMENT_STATUS_LABELS,
    tones: { booked: 'new', checked_in: 'work', completed: 'done', cancelled: 'stop', no_show: 'stop' }
  } satisfies Family<AppointmentStatus>,
  schedule: {
    labels: SCHEDULE_STATUS_LABELS,
    tones: { draft: 'draft', published: 'work', closed: 'stop' }
  } satisfies Family<ScheduleStatus>,
  order: {
    labels: ORDER_STATUS_LABELS,
    tones: {
      submitted: 'new',
      reviewed: 'work',
      dispensing: 'work',
      soaking: 'work',
      decocting: 'work',
      packed: 'work',
      shipped: 'out',
      ready_for_pickup: 'out',
      delivered: 'done',
      rejected: 'stop',
      cancelled: 'stop'
    }
  } satisfies Family<OrderStatus>
}

interface StatusOf {
  appointment: AppointmentStatus
  schedule: ScheduleStatus
  order: OrderStatus
}

/** The one status label of the app: `<StatusTag of="order" status={o.status} />`. */
export function StatusTag<K extends keyof StatusOf>({ of, status }: { of: K; status: StatusOf[K] }) {
  const family = FAMILIES[of] as Family<StatusOf[K]>
  return <Text className={`status-tag status-tag--${family.tones[status]}`}>{family.labels[status]}</Text>
}
