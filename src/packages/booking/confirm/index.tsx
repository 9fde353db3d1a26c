import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { RELATION_LABELS } from '../../../../types/account'
import { CHANNEL_LABELS, type AppointmentView } from '../../../../types/booking'
import { dateLabel, instantLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { Row } from '../../../components/Row'
import { feeText, sessionWhen } from '../components/text'
import { BOOKING_ROUTES, param, to } from '../routes'
import './index.scss'
import { askToNotify } from '../../../services/subscribe'

function Confirm() {
  const { params } = useRouter()
  const scheduleId = param(params, 'scheduleId')
  const sliceId = param(params, 'sliceId')
  const profileId = param(params, 'profileId')
  const hotline = param(params, 'hotline')
  const caller = param(params, 'caller')
  const returnOf = param(params, 'returnOf')
  // 随访转诊: the follow-up doctor books the patient of a task (referral = the task's id).
  const referral = param(params, 'referral')
  const patientName = param(params, 'patient')
  const forOther = !!(hotline || referral)
  const [referred, setReferred] = useState<AppointmentView | null>(null)
  const detail = useShownData(() => call('booking', 'getSession', { id: scheduleId }, { idempotent: true }), [scheduleId])
  const family = useShownData(() =>
    forOther ? Promise.resolve({ patients: [] }) : call('booking', 'myPatients', {}, { idempotent: true })
  )
  // One confirmation = one requestId: a resend after a lost reply returns the same booking.
  const book = useAction(
    (input: { scheduleId: string; sliceId: string; profileId: string; returnOf?: string }, requestId: string) =>
      referral
        ? call(
            'booking',
            'referralBook',
            { scheduleId: input.scheduleId, sliceId: input.sliceId, profileId: input.profileId, taskId: referral },
            { requestId }
          )
        : hotline
          ? call(
              'booking',
              'hotlineBook',
              { scheduleId: input.scheduleId, sliceId: input.sliceId, profileId: input.profileId },
              { requestId }
            )
          : call('booking', 'book', input, { requestId }),
    { showError: 'inline' }
  )
  const failure = book.error
  const busy = book.busy

  if (!detail.data || !family.data) {
    const error = detail.error ?? family.error
    return error ? <ErrorState message={error} onRetry={detail.reload} /> : <LoadingState />
  }
  if (referred) return <ReferralBooked a={referred} />
  const s = detail.data.session
  const slice = s.slices.find((x) => x.id === sliceId)
  const patient = family.data.patients.find((p) => p.id === profileId)
  const who = referral ? patientName : hotline ? caller : patient ? `${patient.name}（${RELATION_LABELS[patient.relation]}）` : ''
  const channel = referral ? 'referral' : hotline ? 'hotline' : patient?.relation === 'self' ? 'self' : 'family'

  const submit = async () => {
    // First, inside the tap: WeChat only shows the subscribe prompt from a user gesture.
    if (!forOther) await askToNotify(['booking_reminder', 'booking_closed', 'booking_waitlist_promoted'])
    const input = { scheduleId, sliceId, profileId, ...(returnOf && !forOther ? { returnOf } : {}) }
    const a = await book.run(input)
    if (!a) return
    if (referral) setReferred(a)
    else if (hotline) Taro.redirectTo({ url: to(BOOKING_ROUTES.hotlinePatient, { profileId, fresh: a.id }) })
    else Taro.redirectTo({ url: to(BOOKING_ROUTES.appointment, { id: a.id, fresh: '1' }) })
  }

  return (
    <View className="confirm">
      <Text className="bk-section">请核对预约信息</Text>
      <View className="card">
        <Row label="就诊人" value={who} strong />
        <Row label="预约方式" value={CHANNEL_LABELS[channel]} />
        <Row label="专家" value={`${s.doctorName} ${s.doctorTitle}（${s.homeHospital}）`} />
        <Row label="医院科室" value={`${s.hospitalName} ${s.departmentName}`} />
        <Row label="就诊日期" value={sessionWhen(s)} />
        <Row label="就诊时段" value={slice ? `${slice.start}-${slice.end}` : ''} strong />
        <Row label="就诊地点" value={s.place} />
        <Row label="费用" value={returnOf ? '免费复诊（三天有效）' : feeText(s.fee, s.clinicType)} />
      </View>
      {referral ? (
        <Text className="text-muted block confirm__note">
          随访转诊：预约成功后，患者家属会收到预约通知和就诊前一天的提醒；如不能就诊，由家属在“我的预约”中于{instantLabel(s.cutoffAt)}
          前取消。
        </Text>
      ) : (
        <Text className="text-muted block confirm__note">
          就诊前一天会提醒您。如不能就诊，请在{instantLabel(s.cutoffAt)}前取消；多次预约不就诊将暂停预约资格。
        </Text>
      )}

      {failure ? (
        <View className="bk-notice bk-notice--stop confirm__failure">
          <Text className="block">{failure.message}</Text>
        </View>
      ) : null}

      <View className="actions">
        {failure && (failure.code === 'SLOT_FULL' || failure.code === 'OUTSIDE_WINDOW') ? (
          <Button type="primary" size="large" block onClick={() => Taro.navigateBack()}>
            返回重新选择
          </Button>
        ) : (
          <Button type="primary" size="large" block disabled={busy || !slice || !who} onClick={submit}>
            {busy ? '正在预约…' : referral ? '确认为患者预约' : '确认预约'}
          </Button>
        )}
      </View>
    </View>
  )
}

/**
 * What the follow-up doctor sees once he has booked: the visit, for the patient, and that the family
 * was told. No cancel: the family cancels in 我的预约.
 */
function ReferralBooked({ a }: { a: AppointmentView }) {
  return (
    <View className="confirm referral-booked">
      <View className="card">
        <Text className="referral-booked__title block">已为{a.patientName}预约专家</Text>
        <Row label="患者" value={a.patientName} strong />
        <Row label="预约方式" value={`${CHANNEL_LABELS[a.channel]}（${a.bookedByName}医生）`} />
        <Row label="专家" value={`${a.doctorName} ${a.doctorTitle}`} />
        <Row label="医院科室" value={`${a.hospitalName} ${a.departmentName}`} />
        <Row label="就诊时间" value={`${dateLabel(a.date)} ${a.start}-${a.end}`} strong />
        <Row label="就诊序号" value={`第${a.queueNo}号`} />
        <Row label="就诊地点" value={a.place} />
      </View>
      <Text className="text-muted block confirm__note">已通知患者家属；就诊前一天会再提醒。如需取消，请家属在“我的预约”中取消。</Text>
      <View className="actions">
        <Button type="primary" size="large" block onClick={() => Taro.navigateBack({ delta: 3 })}>
          返回随访
        </Button>
      </View>
    </View>
  )
}

export default function ConfirmPage() {
  return (
    <Page>
      <Confirm />
    </Page>
  )
}
