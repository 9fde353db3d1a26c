import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import {
  DELIVERY_LABELS,
  ORDER_STATUS_LABELS,
  STEP_ACTION_LABELS,
  decoctionWorkflow,
  type EventView,
  type StepTarget
} from '../../../../types/decoction'
import { handlingGroups } from '../../../../types/decoction-herbs'
import { deliveryProblem, expectedPacks, formatCst } from '../../../../types/decoction-rules'
import { nextSteps } from '../../../../types/workflow'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { HerbTable, handlingClass } from '../../decoction/components/HerbTable'
import { StatusTag } from '../../../components/StatusTag'
import { DECOCTION_ROUTES, withId } from '../../decoction/routes'
import { StepSheet } from '../components/StepSheet'
import './index.scss'

function eventLine(e: EventView): string {
  const parts: string[] = []
  if (e.machine) parts.push(e.machine)
  for (const s of e.steps ?? []) parts.push(`${s.handling}${s.minutes}分钟`)
  if (e.packCount !== undefined) parts.push(`${e.packCount}袋`)
  if (e.courier) parts.push(`${e.courier} ${e.trackingNo ?? ''}`)
  if (e.note) parts.push(e.note)
  return parts.join(' · ')
}

function PharmacyOrder() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const detail = useShownData(() => call('decoction', 'openOrder', { id }, { idempotent: true }), [id])
  const [step, setStep] = useState<{ to: StepTarget; n: number } | null>(null)

  if (!detail.data) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const { order, prescription, events } = detail.data
  // One button per step the table allows a pharmacist from here; shipping only for courier orders, pickup only for pickup.
  const steps = (nextSteps(decoctionWorkflow, order.status, ['pharmacist']) as StepTarget[]).filter(
    (to) => !deliveryProblem(to, order.delivery)
  )
  const stopping = (to: StepTarget) => to === 'rejected' || to === 'cancelled'
  const groups = handlingGroups(prescription.herbs)

  return (
    <View className="ph-order">
      <View className="card">
        <View className="ph-order__head">
          <Text className="ph-order__no">{order.orderNo}</Text>
          <StatusTag of="order" status={order.status} />
        </View>
        <Text className="ph-order__patient block">
          {order.patientName}　{order.patientPhone}
        </Text>
        <Text className="text-body block">
          {DELIVERY_LABELS[order.delivery]} · 联系人 {order.contactName} {order.contactPhone}
        </Text>
        {order.address ? (
          <Text className="text-body block">
            {order.address.region} {order.address.detail}
          </Text>
        ) : null}
        <Text className="text-muted block">
          处方 {prescription.rxNo} · {prescription.doctorName} · 提交于 {formatCst(order.createdAt)}
        </Text>
      </View>

      {steps.length ? (
        <View className="ph-order__steps">
          {steps.map((to) => (
            <Button
              key={to}
              type={stopping(to) ? 'danger' : 'primary'}
              fill={stopping(to) ? 'outline' : 'solid'}
              size="large"
              block
              onClick={() => setStep({ to, n: Date.now() })}
            >
              {STEP_ACTION_LABELS[to]}
            </Button>
          ))}
        </View>
      ) : null}

      {groups.length ? (
        <View className="card ph-order__callout">
          <Text className="ph-order__callout-title block">特殊煎法</Text>
          {groups.map((g) => (
            <View key={g.handling} className="ph-order__callout-row">
              <Text className={`handling handling--${handlingClass(g.handling)}`}>{g.handling}</Text>
              <Text className="text-body">{g.herbs.join('、')}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <View className="card">
        <HerbTable herbs={prescription.herbs} />
        <Text className="text-body block ph-order__usage">
          {order.doses} 剂 × 每剂 {order.packsPerDose} 袋 = {order.packCount ?? expectedPacks(order.doses, order.packsPerDose)} 袋，每袋{' '}
          {order.mlPerPack} 毫升
        </Text>
        <Text className="text-muted block">{prescription.instructions}</Text>
      </View>

      <Text className="section-title">操作记录</Text>
      <View className="card">
        <View className="ph-order__event">
          <Text className="ph-order__event-what">{formatCst(order.createdAt, false)} 患者提交</Text>
        </View>
        {events.map((e) => (
          <View key={`${e.at}-${e.to}`} className="ph-order__event">
            <Text className="ph-order__event-what block">
              {formatCst(e.at, false)} {e.by === 'patient' ? '患者' : (e.byName ?? '药房')}：{ORDER_STATUS_LABELS[e.from]} →{' '}
              {ORDER_STATUS_LABELS[e.to]}
            </Text>
            {eventLine(e) ? <Text className="text-muted block">{eventLine(e)}</Text> : null}
          </View>
        ))}
      </View>

      <View className="actions">
        <Button fill="outline" size="large" block onClick={() => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.label, order.id) })}>
          打印标签
        </Button>
      </View>

      {step ? (
        <StepSheet
          key={step.n}
          step={step.to}
          order={order}
          prescription={prescription}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null)
            detail.reload()
          }}
        />
      ) : null}
    </View>
  )
}

export default function PharmacyOrderPage() {
  return (
    <Page>
      <PharmacyOrder />
    </Page>
  )
}
