import { Text, View } from '@tarojs/components'
import { Step, Steps } from '@nutui/nutui-react-taro'
import React from 'react'
import type { EventView, OrderView } from '../../../../types/decoction'
import { buildTimeline } from '../../../../types/decoction-timeline'
import './timeline.scss'

/** The order's way to the door (NutUI Steps): done steps with their time and details, the rest to come. */
export function OrderTimeline({
  order,
  events
}: {
  order: Pick<OrderView, 'status' | 'delivery' | 'createdAt'>
  events: readonly EventView[]
}) {
  const steps = buildTimeline(order, events)
  const current = steps.findIndex((s) => s.state === 'current')
  // Steps marks every step before `value` finished and `value` itself in progress.
  const value = current === -1 ? steps.length + 1 : current + 1
  return (
    <Steps className="order-timeline" direction="vertical" type="dot" status="dynamic" value={value}>
      {steps.map((s, i) => (
        <Step
          key={s.status}
          value={i + 1}
          className={`order-timeline__step order-timeline__step--${s.state}${s.status === 'cancelled' || s.status === 'rejected' ? ' order-timeline__step--stop' : ''}`}
          data-status={s.status}
          title={<Text className="order-timeline__title">{s.title}</Text>}
          description={
            <View className="order-timeline__desc">
              {s.time ? <Text className="order-timeline__time block">{s.time}</Text> : null}
              {s.details.map((d) => (
                <Text key={d} className="order-timeline__detail block">
                  {d}
                </Text>
              ))}
            </View>
          }
        />
      ))}
    </Steps>
  )
}
