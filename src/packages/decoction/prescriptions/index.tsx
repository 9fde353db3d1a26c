import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Radio } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import type { PrescriptionView } from '../../../../types/decoction'
import { handlingGroups } from '../../../../types/decoction-herbs'
import { formatCst } from '../../../../types/decoction-rules'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { HandlingTags } from '../components/HerbTable'
import { StatusTag } from '../../../components/StatusTag'
import { DECOCTION_ROUTES, withId } from '../routes'
import './index.scss'

function PrescriptionCard({ rx }: { rx: PrescriptionView }) {
  const open = () => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.prescription, rx.id) })
  const orderNow = () => Taro.navigateTo({ url: `${DECOCTION_ROUTES.orderForm}?prescriptionId=${encodeURIComponent(rx.id)}` })
  const live = rx.order && rx.order.status !== 'cancelled' && rx.order.status !== 'rejected' ? rx.order : null
  return (
    <View className="card rx-card" data-rx-no={rx.rxNo}>
      <View className="rx-card__main" hoverClass="tap-active" onClick={open}>
        <View className="rx-card__head">
          <Text className="rx-card__patient">{rx.patientName}</Text>
          <Text className="text-muted">{formatCst(rx.createdAt).slice(0, 10)}</Text>
        </View>
        {rx.diagnosis ? <Text className="rx-card__diagnosis block">{rx.diagnosis}</Text> : null}
        <Text className="text-muted block">
          {rx.doctorName} 开方 · {rx.herbs.length} 味 · {rx.doses} 剂 · 每剂 {rx.packsPerDose} 袋
        </Text>
        <Text className="text-muted block">处方号 {rx.rxNo}</Text>
        <HandlingTags handlings={handlingGroups(rx.herbs).map((g) => g.handling)} />
      </View>
      {live ? (
        <View
          className="rx-card__order"
          hoverClass="tap-active"
          onClick={() => Taro.navigateTo({ url: withId(DECOCTION_ROUTES.order, live.id) })}
        >
          <Text className="rx-card__order-no">代煎订单 {live.orderNo}</Text>
          <StatusTag of="order" status={live.status} />
          <Text className="rx-card__chevron">›</Text>
        </View>
      ) : (
        <View className="rx-card__actions">
          <Button type="primary" block onClick={orderNow}>
            申请代煎配送
          </Button>
        </View>
      )}
    </View>
  )
}

function Prescriptions() {
  const { params } = useRouter()
  const [profileId, setProfileId] = useState<string>(params.profileId ? decodeURIComponent(params.profileId) : 'all')
  const profiles = useShownData(() => call('account', 'listProfiles', {}, { idempotent: true }))
  const list = useShownData(
    () => call('decoction', 'listPrescriptions', profileId === 'all' ? {} : { profileId }, { idempotent: true }),
    [profileId]
  )
  const people = profiles.data?.profiles ?? []

  let body: React.ReactNode
  if (list.data === undefined) body = list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  else if (list.data.prescriptions.length === 0)
    body = (
      <EmptyState
        mark="方"
        title="暂无中药处方"
        description="医生开具中药处方后，会显示在这里，可申请医院代煎并免费配送到家"
        action={
          people.length === 0 ? (
            <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: ROUTES.profiles })}>
              添加就诊人
            </Button>
          ) : null
        }
      />
    )
  else body = list.data.prescriptions.map((rx) => <PrescriptionCard key={rx.id} rx={rx} />)

  return (
    <View className="prescriptions">
      <View className="card prescriptions__intro">
        <Text className="prescriptions__title block">医院代煎，免费送到家</Text>
        <Text className="text-muted block">选择处方，填写一次联系人和地址，就能跟踪从煎药到送达的每一步。</Text>
      </View>
      {people.length > 1 ? (
        <Radio.Group
          className="prescriptions__people"
          value={profileId}
          shape="button"
          direction="horizontal"
          onChange={(v) => setProfileId(String(v))}
        >
          <Radio value="all" shape="button">
            全部
          </Radio>
          {people.map((p) => (
            <Radio key={p.id} value={p.id} shape="button">
              {p.name}
            </Radio>
          ))}
        </Radio.Group>
      ) : null}
      {body}
    </View>
  )
}

export default function PrescriptionsPage() {
  return (
    <Page>
      <Prescriptions />
    </Page>
  )
}
