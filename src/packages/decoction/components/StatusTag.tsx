import { Text } from '@tarojs/components'
import React from 'react'
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../../types/decoction'
import './status.scss'

const TONE: Record<OrderStatus, 'new' | 'work' | 'out' | 'done' | 'stop'> = {
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

export function StatusTag({ status }: { status: OrderStatus }) {
  return <Text className={`status-tag status-tag--${TONE[status]}`}>{ORDER_STATUS_LABELS[status]}</Text>
}
