import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { feeLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { NURSING_ROUTES, withQuery } from '../routes'
import '../components/nursing.scss'
import './index.scss'

function Catalogue() {
  const data = useShownData(() => call('nursing', 'catalogue', {}, { idempotent: true }))
  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const c = data.data
  return (
    <View className="nursing-catalogue">
      <View className="card">
        <Text className="nursing-catalogue__lead block">护士上门，为行动不便的家人提供护理</Text>
        <Text className="text-body block">
          服务时间 {c.serviceHours}，每次最多选 {c.maxItemsPerRequest} 项。
        </Text>
        <Text className="text-muted block">护理部评估通过后派执业5年以上的护师上门；上门前 {c.freeCancelHours} 小时可免费取消。</Text>
        <View className="actions nursing-catalogue__actions">
          <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: NURSING_ROUTES.apply })}>
            申请上门护理
          </Button>
          <Button fill="outline" size="large" block onClick={() => Taro.navigateTo({ url: NURSING_ROUTES.requests })}>
            我的申请
          </Button>
        </View>
      </View>

      <Text className="section-title">护理项目</Text>
      {c.items.map((i) => (
        <View key={i.code} className="card nursing-item" data-code={i.code}>
          <View className="nursing-row__head">
            <Text className="nursing-row__title">{i.name}</Text>
            <Text className="text-muted">{i.code}</Text>
          </View>
          <Text className="text-body block">{i.description}</Text>
          <Text className="nursing-item__price block">
            {feeLabel(i.visitFee + i.itemFee)}
            <Text className="text-muted">
              （上门费 {feeLabel(i.visitFee)} + 护理费 {feeLabel(i.itemFee)}）
            </Text>
          </Text>
          <Text className="text-muted block">
            约 {i.minutes} 分钟{i.prepare.length ? ` · 请准备：${i.prepare.join('、')}` : ''}
          </Text>
          <View className="nursing-item__go">
            <Button
              type="primary"
              fill="outline"
              block
              onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.apply, { item: i.code }) })}
            >
              预约{i.name}
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}

export default function CataloguePage() {
  return (
    <Page>
      <Catalogue />
    </Page>
  )
}
