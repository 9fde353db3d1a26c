import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import React, { useRef, useState } from 'react'
import { DELIVERY_LABELS, decoctionWorkflow, type OrderStatus } from '../../../../types/decoction'
import { expectedPacks, formatCst } from '../../../../types/decoction-rules'
import { statusHint } from '../../../../types/decoction-timeline'
import { nextSteps } from '../../../../types/workflow'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { newRequestId } from '../../../services/requestId'
import { useShownData } from '../../../state/useShownData'
import { HerbTable } from '../components/HerbTable'
import { OrderTimeline } from '../components/OrderTimeline'
import { Row } from '../../../components/Row'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'

type FamilyStep = 'cancelled' | 'delivered'

function Order() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const detail = useShownData(() => call('decoction', 'getOrder', { id }, { idempotent: true }), [id])
  const [asking, setAsking] = useState<FamilyStep | null>(null)
  const [busy, setBusy] = useState(false)
  // One tap = one intent: a resend after a lost reply reuses the id and cannot act twice.
  const intent = useRef<{ step: FamilyStep; requestId: string } | null>(null)

  if (!detail.data) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const { order, prescription, events } = detail.data
  // The family's buttons come from the same workflow table the server enforces.
  const steps = nextSteps(decoctionWorkflow, order.status as OrderStatus, ['patient']) as FamilyStep[]
  const confirmLabel = order.delivery === 'pickup' ? '确认已取药' : '确认收货'

  const act = async () => {
    if (!asking) return
    if (!intent.current || intent.current.step !== asking) intent.current = { step: asking, requestId: newRequestId() }
    setBusy(true)
    try {
      if (asking === 'cancelled') await call('decoction', 'cancelOrder', { id }, { requestId: intent.current.requestId })
      else await call('decoction', 'confirmReceipt', { id }, { requestId: intent.current.requestId })
      toast(asking === 'cancelled' ? '订单已取消' : '已确认', 'success')
      intent.current = null
      await detail.reload()
    } catch (e) {
      toastError(e)
      await detail.reload()
    } finally {
      setBusy(false)
      setAsking(null)
    }
  }

  return (
    <View className="order-detail">
      <View className="card order-detail__status">
        <View className="order-detail__status-head">
          <Text className="order-detail__patient">{order.patientName}</Text>
          <StatusTag of="order" status={order.status} />
        </View>
        <Text className="text-body block order-detail__hint">{statusHint(order)}</Text>
        <Text className="text-muted block">订单号 {order.orderNo}</Text>
      </View>

      {order.courier ? (
        <View className="card order-detail__courier">
          <Text className="text-muted block">快递公司</Text>
          <Text className="order-detail__courier-value block">{order.courier.company}</Text>
          <Text className="text-muted block">快递单号</Text>
          <Text className="order-detail__courier-value order-detail__tracking block" userSelect>
            {order.courier.trackingNo}
          </Text>
        </View>
      ) : null}

      {steps.length ? (
        <View className="actions order-detail__actions">
          {steps.includes('delivered') ? (
            <Button type="primary" size="large" block onClick={() => setAsking('delivered')}>
              {confirmLabel}
            </Button>
          ) : null}
          {steps.includes('cancelled') ? (
            <Button type="danger" fill="outline" size="large" block onClick={() => setAsking('cancelled')}>
              取消订单
            </Button>
          ) : null}
        </View>
      ) : null}

      <Text className="section-title">进度</Text>
      <View className="card">
        <OrderTimeline order={order} events={events} />
      </View>

      <Text className="section-title">配送</Text>
      <View className="card order-detail__rows">
        <Row label="方式" value={DELIVERY_LABELS[order.delivery]} />
        <Row label="联系人" value={`${order.contactName}　${order.contactPhone}`} />
        {order.address ? <Row label="地址" value={`${order.address.region} ${order.address.detail}`} /> : null}
        <Row label="提交时间" value={formatCst(order.createdAt)} />
      </View>

      <Text className="section-title">处方</Text>
      <View className="card order-detail__rows">
        <Row label="处方号" value={prescription.rxNo} />
        <Row label="医生" value={prescription.doctorName} />
        <Row
          label="剂数"
          value={`${order.doses} 剂，共 ${order.packCount ?? expectedPacks(order.doses, order.packsPerDose)} 袋，每袋 ${order.mlPerPack} 毫升`}
        />
        <Row label="用法" value={prescription.instructions} />
        <HerbTable herbs={prescription.herbs} />
      </View>

      <Dialog
        visible={asking !== null}
        title={asking === 'cancelled' ? '取消订单' : confirmLabel}
        content={
          asking === 'cancelled'
            ? '确定取消这个代煎订单吗？取消后可以重新申请。'
            : order.delivery === 'pickup'
              ? '确认已经取到药了吗？'
              : '确认已经收到药了吗？'
        }
        confirmText={busy ? '请稍候…' : asking === 'cancelled' ? '取消订单' : '确认'}
        cancelText="再想想"
        disableConfirmButton={busy}
        onConfirm={act}
        onCancel={() => setAsking(null)}
        onClose={() => setAsking(null)}
      />
    </View>
  )
}

export default function OrderPage() {
  return (
    <Page>
      <Order />
    </Page>
  )
}
