import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Rate, TextArea } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import type { RequestDetail, RequestView } from '../../../../types/nursing'
import { Page } from '../../../components/Page'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { Row } from '../../../components/Row'
import { ErrorState, LoadingState } from '../../../components/States'
import { StatusTag } from '../../../components/StatusTag'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { NurseCard } from '../components/NurseCard'
import { NursingTimeline } from '../components/NursingTimeline'
import { RequestFacts } from '../components/RequestFacts'
import { VisitRecord } from '../components/VisitRecord'
import { visitWhen } from '../components/when'
import '../components/nursing.scss'
import './index.scss'

/** One sentence on where the request stands and what the family does next. */
function hintOf(r: RequestView): string {
  switch (r.status) {
    case 'submitted':
      return '护理部正在评估病情，通过后为您安排护士。'
    case 'assessed':
      return '评估已通过，正在为您安排合适的护士。'
    case 'assigned':
      return '已安排护士，等待护士确认接单。'
    case 'accepted':
      return `护士已接单，将于 ${visitWhen(r.windowLabel)} 上门，请保持电话畅通。`
    case 'en_route':
      return '护士已出发，请家属在家等候，并准备好身份证核对身份。'
    case 'arrived':
      return '护士已到达，正在核对身份、准备操作。'
    case 'in_service':
      return '护士正在服务中。'
    case 'completed':
      return '服务已完成，请查看服务记录并为护士评价。'
    case 'rated':
      return '感谢您的评价。'
    case 'rejected':
      return `很抱歉，评估未通过：${r.rejectText ?? ''}。如有疑问请联系医院护理部。`
    case 'cancelled':
      return r.cancellation ? `${r.cancellation.by === 'family' ? '您' : '护理部'}已取消：${r.cancellation.text}` : '已取消。'
  }
}

function Detail() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const detail = useShownData(() => call('nursing', 'getRequest', { id }, { idempotent: true }), [id])
  const [shown, setShown] = useState<RequestDetail | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')

  const cancel = useAction(
    (input: { id: string; reason?: string }, requestId: string) => call('nursing', 'cancelRequest', input, { requestId }),
    { success: '已取消' }
  )
  const rate = useAction(
    (input: { id: string; stars: number; comment?: string }, requestId: string) => call('nursing', 'rateVisit', input, { requestId }),
    { success: '感谢您的评价' }
  )

  // A move's reply is the new state: shown at once, then the page reloads as usual.
  const current = shown && detail.data && shown.request.updatedAt > detail.data.request.updatedAt ? shown : detail.data
  if (!current) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const { request: r, timeline } = current
  const canCancel = r.nextSteps.includes('cancelled') && r.cancelTerms.allowed

  const doCancel = async (why: string) => {
    const res = await cancel.run({ id, ...(why ? { reason: why } : {}) })
    if (res) {
      setShown(res)
      setCancelling(false)
    }
    await detail.reload()
  }

  const doRate = async () => {
    if (!stars) return
    const res = await rate.run({ id, stars, ...(comment.trim() ? { comment: comment.trim() } : {}) })
    if (res) setShown(res)
    await detail.reload()
  }

  return (
    <View className="nursing-request">
      <View className="card nursing-request__status">
        <View className="nursing-head">
          <Text className="nursing-head__title">{r.patientName}</Text>
          <StatusTag of="nursing" status={r.status} />
        </View>
        <Text className="text-body block nursing-request__hint">{hintOf(r)}</Text>
        <Text className="text-muted block">
          {r.items.map((i) => i.name).join('、')} · {visitWhen(r.windowLabel)}
        </Text>
      </View>

      {r.nurse ? <NurseCard nurse={r.nurse} /> : null}
      {r.record ? <VisitRecord record={r.record} /> : null}

      {r.nextSteps.includes('rated') ? (
        <View className="card nursing-request__rate">
          <Text className="section-title nursing-request__rate-title">为这次服务评价</Text>
          <Rate className="nursing-request__stars" value={stars} onChange={setStars} />
          <Text className="text-muted block">{stars ? `${stars} 星` : '点星星打分：1星很不满意，5星非常满意'}</Text>
          <TextArea value={comment} onChange={setComment} maxLength={300} rows={3} placeholder="说说护士的服务（选填）" />
          <View className="actions">
            <Button type="primary" size="large" block disabled={!stars || rate.busy} loading={rate.busy} onClick={doRate}>
              提交评价
            </Button>
          </View>
        </View>
      ) : null}

      {r.rating ? (
        <View className="card nursing-request__rated">
          <Text className="text-muted block nursing-request__label">我的评价</Text>
          <Rate value={r.rating.stars} readOnly />
          {r.rating.comment ? <Text className="text-body block">{r.rating.comment}</Text> : null}
          <Text className="text-muted block">{instantLabel(r.rating.at)}</Text>
        </View>
      ) : null}

      <Text className="section-title">进度</Text>
      <View className="card">
        <NursingTimeline status={r.status} timeline={timeline} createdAt={r.createdAt} />
      </View>

      <Text className="section-title">申请内容</Text>
      <RequestFacts request={r} />

      {r.cancellation ? (
        <View className="card">
          <Row label="取消原因" value={r.cancellation.reason || '未填写'} />
          <Row label="退款" value={r.cancellation.text} strong />
        </View>
      ) : null}

      {r.nextSteps.includes('cancelled') ? (
        <View className="card nursing-request__cancel">
          <Text className="text-body block">{r.cancelTerms.text}</Text>
          {canCancel ? (
            <View className="actions">
              <Button type="danger" fill="outline" size="large" block onClick={() => setCancelling(true)}>
                取消申请
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}

      <ReasonDialog
        visible={cancelling}
        title="取消上门护理"
        message={r.cancelTerms.text}
        reason={reason}
        onReasonChange={setReason}
        placeholder="取消原因（选填）"
        confirmText="确认取消"
        cancelText="再想想"
        busy={cancel.busy}
        optional
        onConfirm={doCancel}
        onClose={() => setCancelling(false)}
      />
    </View>
  )
}

export default function RequestPage() {
  return (
    <Page>
      <Detail />
    </Page>
  )
}
