import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { expectedPacks, formatCst } from '../../../../types/decoction-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { HerbTable } from '../components/HerbTable'
import { StatusTag } from '../../../components/StatusTag'
import { DECOCTION_ROUTES, withId } from '../routes'
import './index.scss'

function Prescription() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const rx = useShownData(() => call('decoction', 'getPrescription', { id }, { idempotent: true }), [id])
  if (!rx.data) return rx.error ? <ErrorState message={rx.error} onRetry={rx.reload} /> : <LoadingState />
  const p = rx.data
  const live = p.order && p.order.status !== 'cancelled' && p.order.status !== 'rejected' ? p.order : null

  return (
    <View className="rx-detail">
      <View className="card">
        <Text className="rx-detail__patient block">{p.patientName}</Text>
        {p.diagnosis ? <Text className="text-body block">诊断：{p.diagnosis}</Text> : null}
        <Text className="text-muted block">
          开方医生 {p.doctorName} · {formatCst(p.createdAt)}
        </Text>
        <Text className="text-muted block">处方号 {p.rxNo}</Text>
      </View>

      <Text className="section-title">药味</Text>
      <View className="card">
        <HerbTable herbs={p.herbs} />
      </View>

      <Text className="section-title">用法</Text>
      <View className="card rx-detail__usage">
        <Text className="text-body block">
          共 {p.doses} 剂，每剂煎成 {p.packsPerDose} 袋，每袋 {p.mlPerPack} 毫升，合计 {expectedPacks(p.doses, p.packsPerDose)} 袋
        </Text>
        <Text className="text-body block">{p.instructions}</Text>
      </View>

      <View className="actions">
        {live ? (
          <View
            className="card rx-detail__order"
            hoverClass="tap-active"
            onClick={() => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.order, live.id) })}
          >
            <Text className="text-body">代煎订单 {live.orderNo}</Text>
            <StatusTag of="order" status={live.status} />
          </View>
        ) : (
          <Button
            type="primary"
            size="large"
            block
            onClick={() => Taro.navigateTo({ url: `${DECOCTION_ROUTES.orderForm}?prescriptionId=${encodeURIComponent(p.id)}` })}
          >
            申请代煎配送
          </Button>
        )}
      </View>
    </View>
  )
}

export default function PrescriptionPage() {
  return (
    <Page>
      <Prescription />
    </Page>
  )
}
