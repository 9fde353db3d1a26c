import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useRef, useState } from 'react'
import type { AppointmentView } from '../../../../types/booking'
import { toast, toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { newRequestId } from '../../../services/requestId'
import { useShownData } from '../../../state/useShownData'
import { ReasonDialog } from '../../../components/ReasonDialog'
import { StatusTag } from '../../../components/StatusTag'
import { readBack } from '../components/text'
import { BOOKING_ROUTES, param, to } from '../routes'
import './index.scss'

/** A caller's bookings for the hotline to read back, cancel, or add to. */
function HotlinePatient() {
  const { params } = useRouter()
  const profileId = param(params, 'profileId')
  const fresh = param(params, 'fresh')
  const data = useShownData(() => call('booking', 'hotlineAppointments', { profileId }, { idempotent: true }), [profileId])
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const intent = useRef<{ id: string; requestId: string } | null>(null)

  if (!data.data) return data.error ? <ErrorState message={data.error} onRetry={data.reload} /> : <LoadingState />
  const { patient, appointments } = data.data
  const active = appointments.filter((a) => a.status === 'booked' || a.status === 'checked_in')
  const others = appointments.filter((a) => !active.includes(a))

  const cancel = async () => {
    if (!cancelling) return
    if (reason.trim().length < 2) {
      toast('请填写取消原因', 'warn')
      return
    }
    if (!intent.current || intent.current.id !== cancelling.id) intent.current = { id: cancelling.id, requestId: newRequestId() }
    setBusy(true)
    try {
      await call('booking', 'hotlineCancel', { id: cancelling.id, reason: reason.trim() }, { requestId: intent.current.requestId })
      toast('已取消预约', 'success')
      setCancelling(null)
      setReason('')
      await data.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const card = (a: AppointmentView) => (
    <View key={a.id} className={`card hlp__appt${a.id === fresh ? ' hlp__appt--fresh' : ''}`} data-appointment-id={a.id}>
      <View className="hlp__head">
        <Text className="hlp__no">第{a.queueNo}号</Text>
        <StatusTag of="appointment" status={a.status} />
      </View>
      {a.id === fresh ? <Text className="bk-notice bk-notice--info">预约成功，请向来电者复述：</Text> : null}
      <Text className="hlp__readback block">{readBack(a)}</Text>
      {a.status === 'cancelled' ? <Text className="bk-why">已取消：{a.cancelReason}</Text> : null}
      {a.status === 'booked' ? (
        <View className="bk-actions">
          <Button type="danger" fill="outline" disabled={!a.cancel.allowed} onClick={() => setCancelling(a)}>
            取消预约
          </Button>
        </View>
      ) : null}
      {a.status === 'booked' && !a.cancel.allowed ? <Text className="bk-why">{a.cancel.reason}</Text> : null}
    </View>
  )

  return (
    <View className="hlp">
      <View className="card">
        <Text className="hlp__name block">{patient.nameMasked}</Text>
        <Text className="text-muted block">
          {patient.age}岁 · {patient.phoneMasked} · 身份证 {patient.idNumberMasked}
        </Text>
        <View className="actions">
          <Button
            type="primary"
            size="large"
            block
            onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.browse, { hotline: patient.id, caller: patient.nameMasked }) })}
          >
            为其预约新号
          </Button>
        </View>
      </View>
      <Text className="bk-section">待就诊（{active.length}）</Text>
      {active.length ? active.map(card) : <Text className="bk-empty">没有待就诊的预约</Text>}
      {others.length ? <Text className="bk-section">近期记录</Text> : null}
      {others.map(card)}

      <ReasonDialog
        visible={cancelling !== null}
        title="为来电者取消预约"
        message={cancelling ? readBack(cancelling) : ''}
        reason={reason}
        onReasonChange={setReason}
        placeholder="取消原因（必填），如：来电者家中有事"
        confirmText="确认取消"
        cancelText="不取消"
        busy={busy}
        onConfirm={cancel}
        onClose={() => setCancelling(null)}
      />
    </View>
  )
}

export default function HotlinePatientPage() {
  return (
    <Page>
      <HotlinePatient />
    </Page>
  )
}
