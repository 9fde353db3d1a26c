import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useRef, useState } from 'react'
import type { AppointmentView } from '../../../../types/booking'
import { dateLabel } from '../../../../types/booking-rules'
import { toast, toastError } from '../../../components/feedback'
import { call } from '../../../services/api'
import { newRequestId } from '../../../services/requestId'
import { BOOKING_ROUTES, to } from '../routes'
import { ReasonDialog } from '../../../components/ReasonDialog'
import './appointment-actions.scss'

/**
 * What a family may do with an appointment now, as the server decided it: check in on the day,
 * cancel before the cutoff (or read why not), book the free return visit.
 */
export function AppointmentActions({ a, onChanged, detail }: { a: AppointmentView; onChanged(): void | Promise<void>; detail?: boolean }) {
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const cancelIntent = useRef<string | null>(null)

  const checkIn = async () => {
    setBusy(true)
    try {
      await call('booking', 'checkIn', { id: a.id })
      toast('签到成功，请在诊区等候叫号', 'success')
      await onChanged()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const cancel = async () => {
    cancelIntent.current ??= newRequestId()
    setBusy(true)
    try {
      const text = reason.trim()
      await call('booking', 'cancel', text.length >= 2 ? { id: a.id, reason: text } : { id: a.id }, { requestId: cancelIntent.current })
      cancelIntent.current = null
      setAsking(false)
      toast('预约已取消', 'success')
      await onChanged()
    } catch (e) {
      setAsking(false)
      toastError(e)
      await onChanged()
    } finally {
      setBusy(false)
    }
  }

  const returnVisit = a.returnVisit
  if (a.status !== 'booked' && !returnVisit) return null
  return (
    <View className="bk-appt-actions" onClick={(e) => e.stopPropagation()}>
      {a.status === 'booked' ? (
        <View className="bk-actions">
          {a.checkIn.allowed ? (
            <Button type="primary" disabled={busy} onClick={checkIn}>
              签到
            </Button>
          ) : null}
          <Button type="danger" fill="outline" disabled={!a.cancel.allowed || busy} onClick={() => setAsking(true)}>
            取消预约
          </Button>
        </View>
      ) : null}
      {a.status === 'booked' && !a.cancel.allowed ? <Text className="bk-why">{a.cancel.reason}</Text> : null}
      {detail && a.status === 'booked' && !a.checkIn.allowed && a.checkIn.reason ? (
        <Text className="bk-why">{a.checkIn.reason}</Text>
      ) : null}
      {returnVisit ? (
        <View className="bk-actions">
          <Button
            type="primary"
            fill="outline"
            onClick={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.returnVisit, { appointmentId: a.id }) })}
          >
            预约免费复诊（{dateLabel(returnVisit.until).split(' ')[0]}前）
          </Button>
        </View>
      ) : null}
      <ReasonDialog
        visible={asking}
        title="取消预约"
        message={`确定取消${a.patientName}${dateLabel(a.date)} ${a.start}的预约吗？`}
        reason={reason}
        onReasonChange={setReason}
        placeholder="取消原因（可不填）"
        optional
        confirmText="确认取消"
        cancelText="不取消"
        busy={busy}
        onConfirm={cancel}
        onClose={() => setAsking(false)}
      />
    </View>
  )
}
