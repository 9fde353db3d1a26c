import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useRef, useState } from 'react'
import { RELATION_LABELS } from '../../../../types/account'
import { CHANNEL_LABELS } from '../../../../types/booking'
import { instantLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { ApiError, errorText } from '../../../services/errors'
import { newRequestId } from '../../../services/requestId'
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
  const detail = useShownData(() => call('booking', 'getSession', { id: scheduleId }, { idempotent: true }), [scheduleId])
  const family = useShownData(() => (hotline ? Promise.resolve({ patients: [] }) : call('booking', 'myPatients', {}, { idempotent: true })))
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ code: string; message: string } | null>(null)
  // One confirmation = one requestId: a resend after a lost reply returns the same booking.
  const requestId = useRef(newRequestId())

  if (!detail.data || !family.data) {
    const error = detail.error ?? family.error
    return error ? <ErrorState message={error} onRetry={detail.reload} /> : <LoadingState />
  }
  const s = detail.data.session
  const slice = s.slices.find((x) => x.id === sliceId)
  const patient = family.data.patients.find((p) => p.id === profileId)
  const who = hotline ? caller : patient ? `${patient.name}（${RELATION_LABELS[patient.relation]}）` : ''
  const channel = hotline ? 'hotline' : patient?.relation === 'self' ? 'self' : 'family'

  const submit = async () => {
    // First, inside the tap: WeChat only shows the subscribe prompt from a user gesture.
    if (!hotline) await askToNotify(['booking_reminder', 'booking_closed', 'booking_waitlist_promoted'])
    setBusy(true)
    setFailure(null)
    try {
      const input = { scheduleId, sliceId, profileId }
      if (hotline) {
        const a = await call('booking', 'hotlineBook', input, { requestId: requestId.current })
        Taro.redirectTo({ url: to(BOOKING_ROUTES.hotlinePatient, { profileId, fresh: a.id }) })
      } else {
        const a = await call('booking', 'book', returnOf ? { ...input, returnOf } : input, { requestId: requestId.current })
        Taro.redirectTo({ url: to(BOOKING_ROUTES.appointment, { id: a.id, fresh: '1' }) })
      }
    } catch (e) {
      // A refusal is final for this intent; the next tap is a new attempt.
      if (e instanceof ApiError && e.code !== 'NETWORK') requestId.current = newRequestId()
      setFailure({ code: e instanceof ApiError ? e.code : 'INTERNAL', message: errorText(e) })
    } finally {
      setBusy(false)
    }
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
      <Text className="text-muted block confirm__note">
        就诊前一天会提醒您。如不能就诊，请在{instantLabel(s.cutoffAt)}前取消；多次预约不就诊将暂停预约资格。
      </Text>

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
            {busy ? '正在预约…' : '确认预约'}
          </Button>
        )}
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
