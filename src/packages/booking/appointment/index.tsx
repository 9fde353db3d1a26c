import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React from 'react'
import { CHANNEL_LABELS } from '../../../../types/booking'
import { instantLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { AppointmentActions } from '../components/AppointmentActions'
import { Row } from '../../../components/Row'
import { StatusTag } from '../../../components/StatusTag'
import { appointmentWhen, feeText } from '../components/text'
import { param } from '../routes'
import './index.scss'

const CANCELLED_BY = { patient: '本人取消', hotline: '热线代为取消', hospital: '医院停诊取消', '': '' } as const

function Appointment() {
  const { params } = useRouter()
  const id = param(params, 'id')
  const fresh = param(params, 'fresh') === '1'
  const detail = useShownData(() => call('booking', 'getAppointment', { id }, { idempotent: true }), [id])

  if (!detail.data) return detail.error ? <ErrorState message={detail.error} onRetry={detail.reload} /> : <LoadingState />
  const a = detail.data
  return (
    <View className="appt">
      {fresh && a.status === 'booked' ? <Text className="bk-notice bk-notice--info appt__done">预约成功！就诊前一天会提醒您。</Text> : null}
      <View className="card appt__ticket">
        <View className="appt__ticket-head">
          <Text className="appt__patient">{a.patientName}</Text>
          <StatusTag of="appointment" status={a.status} />
        </View>
        <Text className="text-muted block">就诊序号</Text>
        <Text className={`appt__number block${a.status === 'cancelled' ? ' appt__number--void' : ''}`}>第 {a.queueNo} 号</Text>
        <Text className="appt__when block">{appointmentWhen(a)}</Text>
        <Text className="text-body block">{a.place}</Text>
      </View>

      {a.status === 'cancelled' ? (
        <Text className="bk-notice bk-notice--stop">
          {CANCELLED_BY[a.cancelledBy]}：{a.cancelReason}
        </Text>
      ) : null}
      {a.fromWaitlist && a.status === 'booked' ? <Text className="bk-notice bk-notice--info">这是候补成功为您预约的号源</Text> : null}

      <AppointmentActions a={a} onChanged={detail.reload} detail />

      <Text className="bk-section">预约详情</Text>
      <View className="card">
        <Row label="专家" value={`${a.doctorName} ${a.doctorTitle}`} />
        <Row label="医院科室" value={`${a.hospitalName} ${a.departmentName}`} />
        <Row label="费用" value={a.returnOf ? '免费复诊（三天有效）' : feeText(a.fee, a.clinicType)} />
        <Row label="预约方式" value={`${CHANNEL_LABELS[a.channel]}${a.bookedByName ? `（${a.bookedByName}）` : ''}`} />
        <Row label="预约时间" value={instantLabel(a.createdAt)} />
      </View>

      {a.status === 'booked' || a.status === 'checked_in' ? (
        <View>
          <Text className="bk-section">就诊请携带</Text>
          <View className="card">
            {a.whatToBring.map((line) => (
              <Text key={line} className="text-body block appt__bring">
                · {line}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}

export default function AppointmentPage() {
  return (
    <Page>
      <Appointment />
    </Page>
  )
}
