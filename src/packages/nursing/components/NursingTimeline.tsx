import { Text, View } from '@tarojs/components'
import { Step, Steps } from '@nutui/nutui-react-taro'
import React from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import type { NursingStatus, TimelineEvent } from '../../../../types/nursing'
import '../../decoction/components/timeline.scss'

/** A visit's way from request to rating, as the family reads it. */
const HAPPY_PATH: readonly NursingStatus[] = [
  'submitted',
  'assessed',
  'assigned',
  'accepted',
  'en_route',
  'arrived',
  'in_service',
  'completed',
  'rated'
]

export const TIMELINE_TITLES: Record<NursingStatus, string> = {
  submitted: '已提交申请',
  assessed: '护理部评估通过',
  rejected: '评估未通过',
  assigned: '已安排护士',
  accepted: '护士已接单',
  en_route: '护士已出发',
  arrived: '护士已到达',
  in_service: '开始服务',
  completed: '服务完成',
  rated: '已评价',
  cancelled: '已取消'
}

const BY_LABEL = { family: '家属', nursing: '护理部', nurse: '护士', system: '系统' } as const

interface Line {
  key: string
  status: NursingStatus
  state: 'done' | 'current' | 'todo'
  time?: string
  details: string[]
}

function linesOf(status: NursingStatus, timeline: readonly TimelineEvent[], createdAt: string, staffView: boolean): Line[] {
  const done: Line[] = [{ key: 'submitted', status: 'submitted', state: 'done', time: instantLabel(createdAt), details: [] }]
  timeline
    .filter((e) => e.to !== 'submitted')
    .forEach((e, i) => {
      const who = e.byName ? `${e.byName}（${BY_LABEL[e.by]}）` : staffView || e.by !== 'nursing' ? BY_LABEL[e.by] : '护理部'
      const details = [who]
      if (e.note) details.push(e.note)
      if (e.to === 'assessed' && e.from !== 'submitted') details.unshift('派单已收回，重新安排护士')
      done.push({ key: `${i}-${e.to}`, status: e.to, state: 'done', time: instantLabel(e.at), details })
    })
  done[done.length - 1].state = status === 'rated' || status === 'cancelled' || status === 'rejected' ? 'done' : 'current'
  if (status === 'cancelled' || status === 'rejected') return done
  const at = HAPPY_PATH.indexOf(status)
  const todo = HAPPY_PATH.slice(at + 1).map((s): Line => ({ key: `todo-${s}`, status: s, state: 'todo', details: [] }))
  return [...done, ...todo]
}

/** NutUI Steps from 提交 to 评价: what happened, when and by whom; the steps still to come in grey. */
export function NursingTimeline(p: {
  status: NursingStatus
  timeline: readonly TimelineEvent[]
  createdAt: string
  /** 护理部 and the nurse read every actor's name. */
  staffView?: boolean
}) {
  const lines = linesOf(p.status, p.timeline, p.createdAt, p.staffView ?? false)
  const current = lines.findIndex((l) => l.state === 'current')
  const value = current === -1 ? lines.filter((l) => l.state === 'done').length + 1 : current + 1
  return (
    <Steps className="order-timeline nursing-timeline" direction="vertical" type="dot" status="dynamic" value={value}>
      {lines.map((l, i) => (
        <Step
          key={l.key}
          value={i + 1}
          className={`order-timeline__step order-timeline__step--${l.state}${l.status === 'cancelled' || l.status === 'rejected' ? ' order-timeline__step--stop' : ''}`}
          data-status={l.status}
          title={<Text className="order-timeline__title">{TIMELINE_TITLES[l.status]}</Text>}
          description={
            <View className="order-timeline__desc">
              {l.time ? <Text className="order-timeline__time block">{l.time}</Text> : null}
              {l.details.map((d) => (
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
