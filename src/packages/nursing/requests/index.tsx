import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { feeLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { StatusTag } from '../../../components/StatusTag'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { NURSING_ROUTES, withQuery } from '../routes'
import { visitWhen } from '../components/when'
import '../components/nursing.scss'

function Requests() {
  const data = useShownData(() => call('nursing', 'myRequests', {}, { idempotent: true }))
  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const apply = (
    <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: NURSING_ROUTES.apply })}>
      申请上门护理
    </Button>
  )
  if (!data.data.requests.length)
    return <EmptyState mark="护" title="还没有上门护理申请" description="护士上门换药、PICC维护、采血等" action={apply} />
  return (
    <View className="nursing-requests">
      {data.data.requests.map((r) => (
        <View
          key={r.id}
          className="card nursing-row"
          data-request-no={r.requestNo}
          hoverClass="tap-active"
          onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.request, { id: r.id }) })}
        >
          <View className="nursing-row__head">
            <Text className="nursing-row__title">
              {r.patientName} · {r.itemNames.join('、')}
            </Text>
            <StatusTag of="nursing" status={r.status} />
          </View>
          <Text className="text-body block">{visitWhen(r.windowLabel)}</Text>
          <Text className="text-muted block">
            {r.nurseName ? `护士 ${r.nurseName} · ` : ''}
            {feeLabel(r.fees.total)} · {r.requestNo}
          </Text>
        </View>
      ))}
      <View className="actions">{apply}</View>
    </View>
  )
}

export default function RequestsPage() {
  return (
    <Page>
      <Requests />
    </Page>
  )
}
