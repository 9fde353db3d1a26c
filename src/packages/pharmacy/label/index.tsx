import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { DELIVERY_LABELS } from '../../../../types/decoction'
import { formatCst } from '../../../../types/decoction-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import './index.scss'
import './print.scss'

const isH5 = process.env.TARO_ENV === 'h5'

/** One label per order, 60 × 40 mm: what the decoction room sticks on the bag. Only the masked name is printed. */
function Label() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const label = useShownData(() => call('decoction', 'orderLabel', { id }, { idempotent: true }), [id])
  if (!label.data) return label.error ? <ErrorState message={label.error} onRetry={label.reload} /> : <LoadingState />
  const l = label.data
  const notes = l.handlings.map((g) => `${g.handling}：${g.herbs.join('、')}`).join('；')

  return (
    <View className="label-page">
      <View className="label-sheet" data-order-no={l.orderNo}>
        <View className="label-sheet__top">
          <Text className="label-sheet__title">中药代煎</Text>
          <Text className="label-sheet__no">{l.orderNo}</Text>
        </View>
        <Text className="label-sheet__line label-sheet__name">患者：{l.patientNameMasked}</Text>
        <Text className="label-sheet__line">
          {l.doses}剂 × {l.packsPerDose}袋 = {l.packs}袋 · 每袋{l.mlPerPack}ml · {DELIVERY_LABELS[l.delivery]}
        </Text>
        {notes ? <Text className="label-sheet__line label-sheet__notes">{notes}</Text> : null}
        <Text className="label-sheet__line">用法：{l.instructions}</Text>
        <Text className="label-sheet__line label-sheet__small">
          处方 {l.rxNo}
          {l.decoctedAt ? ` · 煎于 ${formatCst(l.decoctedAt, false)}` : ''}
        </Text>
      </View>
      <View className="label-page__actions">
        {isH5 ? (
          <Button type="primary" size="large" block onClick={() => window.print()}>
            打印（60×40 毫米标签纸）
          </Button>
        ) : (
          <Text className="text-muted block">请截图后用标签打印机打印（60×40 毫米）。</Text>
        )}
      </View>
    </View>
  )
}

export default function LabelPage() {
  return (
    <Page>
      <Label />
    </Page>
  )
}
