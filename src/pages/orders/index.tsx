import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { DELIVERY_LABELS, type OrderSummary } from '../../../types/decoction'
import { formatCst } from '../../../types/decoction-rules'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { StatusTag } from '../../components/StatusTag'
import { DECOCTION_ROUTES, withId } from '../../packages/decoction/routes'
import { call } from '../../services/api'
import { useShownData } from '../../state/useShownData'
import './index.scss'

function OrderCard({ order }: { order: OrderSummary }) {
  return (
    <View
      className="card order-card"
      data-order-no={order.orderNo}
      hoverClass="tap-active"
      onClick={() => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.order, order.id) })}
    >
      <View className="order-card__head">
        <Text className="order-card__kind">中药代煎</Text>
        <StatusTag of="order" status={order.status} />
      </View>
      <Text className="order-card__patient block">
        {order.patientName} · {order.doses} 剂 · {DELIVERY_LABELS[order.delivery]}
      </Text>
      {order.courier ? (
        <Text className="text-body block">
          {order.courier.company} {order.courier.trackingNo}
        </Text>
      ) : null}
      <Text className="text-muted block">
        订单号 {order.orderNo} · {formatCst(order.createdAt)}
      </Text>
    </View>
  )
}

function Orders() {
  const list = useShownData(() => call('decoction', 'listOrders', {}, { idempotent: true }))
  const toPrescriptions = () => Taro.navigateTo({ url: DECOCTION_ROUTES.prescriptions })

  if (list.data === undefined) return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  const { orders } = list.data
  return (
    <View className="orders">
      <View className="card orders__shortcut" hoverClass="tap-active" onClick={toPrescriptions}>
        <View>
          <Text className="orders__shortcut-title block">我的中药处方</Text>
          <Text className="text-muted block">申请医院代煎，免费配送到家</Text>
        </View>
        <Text className="orders__chevron">›</Text>
      </View>
      {orders.length === 0 ? (
        <EmptyState
          mark="单"
          title="暂无订单"
          description="申请中药代煎后，订单和进度会显示在这里"
          action={
            <Button type="primary" size="large" block onClick={toPrescriptions}>
              查看我的处方
            </Button>
          }
        />
      ) : (
        <>
          <Text className="section-title">中药代煎订单</Text>
          {orders.map((o) => (
            <OrderCard key={o.id} order={o} />
          ))}
        </>
      )}
    </View>
  )
}

export default function OrdersPage() {
  return (
    <Page>
      <Orders />
    </Page>
  )
}
