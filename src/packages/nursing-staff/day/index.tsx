import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { addDays, chinaWallClock, dateLabel, isDate } from '../../../../types/booking-rules'
import { LIVE_STATUSES, type BoardItem } from '../../../../types/nursing'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { StatusTag } from '../../../components/StatusTag'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { NURSING_ROUTES, withQuery } from '../../nursing/routes'
import { RiskTag } from '../components/RiskTag'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'
import './index.scss'

type Visit = Omit<BoardItem, 'patientNameMasked'> & { patientName: string }

function VisitLine({ v }: { v: Visit }) {
  const live = LIVE_STATUSES.includes(v.status)
  return (
    <View
      className={`nursing-day__visit${live ? ' nursing-day__visit--live' : ''}${v.hasOpenAlarm ? ' nursing-day__visit--alarm' : ''}`}
      data-request-no={v.requestNo}
      hoverClass="tap-active"
      onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.review, { id: v.id }) })}
    >
      <View className="nursing-row__head">
        <Text className="nursing-day__time">{v.windowLabel.slice(11) || v.windowLabel}</Text>
        <StatusTag of="nursing" status={v.status} />
      </View>
      <Text className="text-body block">
        {v.patientName} · {v.itemNames.join('、')}
      </Text>
      <Text className="text-muted block">{v.region}</Text>
      {v.risk || v.hasOpenAlarm ? (
        <View className="nursing-board-card__tags">
          {v.hasOpenAlarm ? <Text className="nursing-alarm-dot">报警中</Text> : null}
          {v.risk ? <RiskTag risk={v.risk} /> : null}
        </View>
      ) : null}
    </View>
  )
}

/** 护理部: every nurse's visits of one day in window order, to see who is out, where, and who has room. */
function Day() {
  const { params } = useRouter()
  const today = chinaWallClock(new Date()).date
  const [date, setDate] = useState(params.date && isDate(params.date) ? params.date : today)
  const data = useShownData(() => call('nursing', 'dayVisits', { date }, { idempotent: true }), [date])

  return (
    <View className="nursing-day">
      {/* The date on a line of its own: beside the buttons it broke as 周 / 一 in 长辈模式. */}
      <Text className="block nursing-day__date" data-date={date}>
        {dateLabel(date)}
        {date === today ? '（今天）' : ''}
      </Text>
      <View className="nursing-day__dates">
        <Button fill="outline" size="large" onClick={() => setDate(addDays(date, -1))}>
          前一天
        </Button>
        <Button fill="outline" size="large" disabled={date === today} onClick={() => setDate(today)}>
          今天
        </Button>
        <Button fill="outline" size="large" onClick={() => setDate(addDays(date, 1))}>
          后一天
        </Button>
      </View>
      {!data.data ? (
        data.error ? (
          <ErrorState message={data.error} onRetry={data.reload} />
        ) : (
          <LoadingState />
        )
      ) : data.data.nurses.length === 0 ? (
        <EmptyState mark="空" title="这一天没有已派出的上门护理" description="派单后，护士的安排会按时段列在这里" />
      ) : (
        data.data.nurses.map((n) => {
          const live = n.visits.filter((v) => LIVE_STATUSES.includes(v.status)).length
          return (
            <View key={n.accountId} className="card nursing-day__nurse" data-nurse={n.name}>
              <View className="nursing-row__head">
                <Text className="nursing-row__title">{n.name || '未知护士'}</Text>
                <Text className="text-muted">
                  {n.visits.length} 单{live ? ` · 进行中 ${live}` : ''}
                </Text>
              </View>
              {n.visits.map((v) => (
                <VisitLine key={v.id} v={v} />
              ))}
            </View>
          )
        })
      )}
    </View>
  )
}

export default function DayPage() {
  return (
    <Page>
      <Day />
    </Page>
  )
}
