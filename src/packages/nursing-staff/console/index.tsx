import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useEffect, useRef, useState } from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import { BOARD_STATUSES, NURSING_STATUS_LABELS, type BoardItem, type NursingStatus } from '../../../../types/nursing'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { StatusTag } from '../../../components/StatusTag'
import { StatusTabs } from '../../../components/StatusTabs'
import { call } from '../../../services/api'
import { usePagedList } from '../../../state/usePagedList'
import { NURSING_ROUTES, withQuery } from '../../nursing/routes'
import { AlarmBanner } from '../components/AlarmBanner'
import { RiskTag } from '../components/RiskTag'
import { visitWhen } from '../../nursing/components/when'
import { boardOrderNote } from './order'
import '../../nursing/components/nursing.scss'
import '../components/staff.scss'

/** An alarm must reach the console without anyone pulling to refresh. */
const POLL_MS = 10_000

function BoardCard({ item }: { item: BoardItem }) {
  return (
    <View
      className={`card nursing-row nursing-board-card${item.hasOpenAlarm ? ' nursing-board-card--alarm' : ''}`}
      data-request-no={item.requestNo}
      hoverClass="tap-active"
      onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.review, { id: item.id }) })}
    >
      <View className="nursing-row__head">
        <Text className="nursing-row__title">
          {item.patientNameMasked} · {item.itemNames.join('、')}
        </Text>
        <StatusTag of="nursing" status={item.status} />
      </View>
      {/* Two lines: side by side the region broke as 聊城市东昌府 / 区. */}
      <Text className="text-body block">{visitWhen(item.windowLabel)}</Text>
      <Text className="text-body block">{item.region}</Text>
      <Text className="text-muted block">
        {item.requestNo} · 提交于 {instantLabel(item.createdAt)}
        {item.nurseName ? ` · 护士 ${item.nurseName}` : ''}
      </Text>
      {item.risk || item.hasOpenAlarm ? (
        <View className="nursing-board-card__tags">
          {item.hasOpenAlarm ? <Text className="nursing-alarm-dot">报警中</Text> : null}
          {item.risk ? <RiskTag risk={item.risk} /> : null}
        </View>
      ) : null}
    </View>
  )
}

function Console() {
  const { params } = useRouter()
  const initial = (BOARD_STATUSES as readonly string[]).includes(params.status ?? '') ? (params.status as NursingStatus) : 'submitted'
  const [status, setStatus] = useState<NursingStatus>(initial)
  const page = usePagedList(
    (after) => call('nursing', 'board', { status, after }, { idempotent: true }),
    (res) => res.requests,
    status
  )

  const visible = useRef(true)
  useDidShow(() => {
    visible.current = true
  })
  useDidHide(() => {
    visible.current = false
  })
  // The poll reads again every row on screen, so someone reading down a long history tab keeps it.
  const refreshRef = useRef(page.refresh)
  refreshRef.current = page.refresh
  useEffect(() => {
    const timer = setInterval(() => {
      if (visible.current) refreshRef.current()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [])

  const { data, list } = page
  return (
    <View className="nursing-console">
      {data ? <AlarmBanner alarms={data.openAlarms} onChange={page.reload} /> : null}
      <View className="nursing-staff-links">
        <Button fill="outline" onClick={() => Taro.navigateTo({ url: NURSING_ROUTES.day })}>
          护士当日出诊
        </Button>
        <Button fill="outline" onClick={() => Taro.navigateTo({ url: NURSING_ROUTES.nurses })}>
          护士资质管理
        </Button>
      </View>
      <StatusTabs statuses={BOARD_STATUSES} labels={NURSING_STATUS_LABELS} value={status} onChange={setStatus} counts={data?.counts} />
      {!data ? (
        page.error ? (
          <ErrorState message={page.error} onRetry={page.reload} />
        ) : (
          <LoadingState />
        )
      ) : list.length === 0 ? (
        <EmptyState mark="空" title={`没有「${NURSING_STATUS_LABELS[status]}」的申请`} />
      ) : (
        <>
          <Text className="text-muted block nursing-console__note">{boardOrderNote(status)}</Text>
          {list.map((item) => (
            <BoardCard key={item.id} item={item} />
          ))}
          {page.hasMore ? (
            <Button block fill="outline" onClick={page.loadMore}>
              加载更多
            </Button>
          ) : null}
        </>
      )}
    </View>
  )
}

export default function ConsolePage() {
  return (
    <Page>
      <Console />
    </Page>
  )
}
