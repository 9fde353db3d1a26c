import { Text } from '@tarojs/components'
import React from 'react'
import { APPOINTMENT_STATUS_LABELS, SCHEDULE_STATUS_LABELS, type AppointmentStatus, type ScheduleStatus } from '../../../../types/booking'
import './booking.scss'

const TONE: Record<AppointmentStatus, 'new' | 'work' | 'done' | 'stop'> = {
  booked: 'new',
  checked_in: 'work',
  completed: 'done',
  cancelled: 'stop',
  no_show: 'stop'
}

export function StatusTag({ status }: { status: AppointmentStatus }) {
  return <Text className={`bk-tag bk-tag--${TONE[status]}`}>{APPOINTMENT_STATUS_LABELS[status]}</Text>
}

const SCHEDULE_TONE: Record<ScheduleStatus, 'draft' | 'work' | 'stop'> = { draft: 'draft', published: 'work', closed: 'stop' }

export function ScheduleTag({ status }: { status: ScheduleStatus }) {
  return <Text className={`bk-tag bk-tag--${SCHEDULE_TONE[status]}`}>{SCHEDULE_STATUS_LABELS[status]}</Text>
}
