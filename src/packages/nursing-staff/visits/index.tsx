import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React from 'react'
import { chinaWallClock } from '../../../../types/booking-rules'
import { LIVE_STATUSES, type BoardItem } from '../../../../types/nursing'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { StatusTag } from '../../../components/StatusTag'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { NURSING_ROUTES, withQuery } from '../../nursing/routes'
import { LiveAlarm, liveVisitOf } from '../components/LiveAlarm'
import { RiskTag } from '../components/RiskTag'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'

type Visit = Omit<BoardItem, 'patientNameMasked'> & { patientName: string }

function VisitCard({ v }: { v: Visit }) {
  return (
    <View
      className={`card nursing-row${LIVE_STATUSES.includes(v.status) ? ' nursing-row--live' : ''}`}
      data-request-no={v.requestNo}
      hoverClass="tap-active"
      onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.visit, { id: v.id }) })}
    >
      <View className="nursing-row__head">
        <Text className="nursing-row__title">{v.windowLabel.slice(11) || v.windowLabel}</Text>
        <StatusTag of="nursing" status={v.status} />
      </View>
      {/* The name on a line of its own: in 长辈模式 it broke between its characters beside the time. */}
      <Text className="text-body block nursing-nurse-visits__who">
        {v.patientName} · {v.itemNames.join('、')}
      </Text>
      <Text className="text-muted block">
        {v.date} · {v.region}
      </Text>
      {v.risk ? (
        <View className="nursing-board-card__tags">
          <RiskTag risk={v.risk} />
        </View>
      ) : null}
    </View>
  )
}

function Visits() {
  const data = useShownData(() => call('nursing', 'myVisits', {}, { idempotent: true }))
  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const today = chinaWallClock(new Date()).date
  const open = data.data.visits.filter((v) => !['completed', 'rated', 'cancelled'].includes(v.status))
  const todays = open.filter((v) => v.date <= today)
  const coming = open.filter((v) => v.date > today)
  const done = data.data.visits.filter((v) => ['completed', 'rated'].includes(v.status))
  if (!data.data.visits.length) return <EmptyState mark="诊" title="还没有派给您的上门护理" description="护理部派单后会通知您" />
  const live = liveVisitOf(data.data.visits)
  return (
    <View className={`nursing-nurse-visits${live ? ' nursing-has-alarm-bar' : ''}`}>
      <LiveAlarm visit={live && { ...live, patientName: `${live.windowLabel.slice(11)} ${live.patientName}` }} showWho />
      <Text className="section-title">今天（{todays.length}）</Text>
      {todays.length ? (
        todays.map((v) => <VisitCard key={v.id} v={v} />)
      ) : (
        <Text className="text-muted block nursing-nurse-visits__none">今天没有上门安排</Text>
      )}
      <Text className="section-title">接下来（{coming.length}）</Text>
      {coming.length ? (
        coming.map((v) => <VisitCard key={v.id} v={v} />)
      ) : (
        <Text className="text-muted block nursing-nurse-visits__none">暂无</Text>
      )}
      {done.length ? (
        <>
          <Text className="section-title">已完成</Text>
          {done.map((v) => (
            <VisitCard key={v.id} v={v} />
          ))}
        </>
      ) : null}
    </View>
  )
}

export default function VisitsPage() {
  return (
    <Page>
      <Visits />
    </Page>
  )
}
