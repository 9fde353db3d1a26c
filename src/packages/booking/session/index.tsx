import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { RELATION_LABELS } from '../../../../types/account'
import type { BookingPatient } from '../../../../types/booking'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { useShownData } from '../../../state/useShownData'
import { Row } from '../../../components/Row'
import { feeText, sessionWhen } from '../components/text'
import { BOOKING_ROUTES, param, to } from '../routes'
import './index.scss'

interface PatientChoice {
  patient: BookingPatient
  /** Why this person cannot be chosen here, if so. */
  blocked: string
  note: string
}

function Session() {
  const { params } = useRouter()
  const id = param(params, 'id')
  const hotline = param(params, 'hotline')
  const caller = param(params, 'caller')
  const returnOf = param(params, 'returnOf')
  // 随访转诊: the follow-up doctor books the patient of a task (referral = the task's id).
  const referral = param(params, 'referral')
  const patient = param(params, 'patient')
  const fixedProfile = hotline || param(params, 'profileId')
  const forOther = !!(hotline || referral)
  const detail = useShownData(() => call('booking', 'getSession', { id }, { idempotent: true }), [id])
  const family = useShownData(() =>
    forOther ? Promise.resolve({ patients: [] }) : call('booking', 'myPatients', {}, { idempotent: true })
  )
  const [sliceId, setSliceId] = useState('')
  const [profileId, setProfileId] = useState(fixedProfile)
  const join = useAction(
    (input: { scheduleId: string; profileId: string }, requestId: string) => call('booking', 'joinWaitlist', input, { requestId }),
    { success: (w) => `已加入候补，排第${w.position}位` }
  )
  const busy = join.busy

  if (!detail.data || !family.data) {
    const error = detail.error ?? family.error
    return error ? <ErrorState message={error} onRetry={detail.reload} /> : <LoadingState />
  }
  const { session: s, mine, waitlistCount } = detail.data
  const open = s.window === 'open'
  const full = open && s.remaining === 0

  const choices: PatientChoice[] = family.data.patients
    .filter((p) => !fixedProfile || p.id === fixedProfile)
    .map((p) => {
      const booked = mine.booked.find((b) => b.profileId === p.id)
      const waiting = mine.waiting.find((w) => w.profileId === p.id)
      let blocked = ''
      if (p.ban) blocked = p.ban.text
      else if (booked) blocked = `已预约本场，第${booked.queueNo}号`
      else if (waiting) blocked = `候补中，排第${waiting.position}位`
      else if (p.activeCount >= p.maxActive) blocked = `已有${p.maxActive}个待就诊的预约`
      return { patient: p, blocked, note: p.relation === 'self' ? '本人预约' : '家属代约' }
    })
  const chosen = choices.find((c) => c.patient.id === profileId && !c.blocked)

  const next = () => {
    Taro.navigateTo({
      url: referral
        ? to(BOOKING_ROUTES.confirm, { scheduleId: s.id, sliceId, profileId: fixedProfile, referral, patient })
        : to(BOOKING_ROUTES.confirm, { scheduleId: s.id, sliceId, profileId: hotline || profileId, hotline, caller, returnOf })
    })
  }

  const joinWaitlist = async () => {
    if (!chosen) return
    if (!(await join.run({ scheduleId: s.id, profileId: chosen.patient.id }))) return
    await Promise.all([detail.reload(), family.reload()])
  }

  return (
    <View className="session">
      <View className="card session__expert">
        <View className="session__expert-head">
          <Text className="session__doctor">{s.doctorName}</Text>
          <Text className="session__title">{s.doctorTitle}</Text>
        </View>
        <Text className="text-body block">{s.homeHospital}</Text>
        <Text className="text-muted block">擅长：{s.specialty}</Text>
      </View>

      <View className="card">
        <Row label="出诊时间" value={sessionWhen(s)} strong />
        <Row label="医院科室" value={`${s.hospitalName} ${s.departmentName}`} />
        <Row label="就诊地点" value={s.place} />
        <Row label="门诊费用" value={returnOf ? '免费复诊（三天有效）' : feeText(s.fee, s.clinicType)} />
      </View>

      {!open ? <Text className={`bk-notice ${s.window === 'closed' ? 'bk-notice--stop' : 'bk-notice--warn'}`}>{s.windowText}</Text> : null}
      {open ? <Text className="text-muted block session__window">{s.windowText}</Text> : null}

      <Text className="bk-section">选择时段</Text>
      {s.slices.map((x) => {
        const none = x.remaining === 0
        const on = sliceId === x.id
        return (
          <View
            key={x.id}
            className={`bk-pick${on ? ' bk-pick--on' : ''}${none || !open ? ' bk-pick--off' : ''}`}
            onClick={() => open && !none && setSliceId(x.id)}
            data-slice-id={x.id}
            aria-role="radio"
            aria-checked={on}
          >
            <View className="bk-pick__main">
              <Text className="bk-pick__title">
                {x.start}-{x.end}
              </Text>
              <Text className="text-muted block">共 {x.quota} 个号</Text>
            </View>
            <Text className={`bk-pick__side ${none ? 'session__none' : 'session__left'}`}>{none ? '约满' : `余 ${x.remaining}`}</Text>
          </View>
        )
      })}

      <Text className="bk-section">就诊人</Text>
      {referral ? (
        <View className="bk-pick bk-pick--on session__referral">
          <View className="bk-pick__main">
            <Text className="bk-pick__title">{patient}</Text>
            <Text className="text-muted block">随访患者 · 由随访医生转诊预约，家属会收到通知</Text>
          </View>
        </View>
      ) : hotline ? (
        <View className="bk-pick bk-pick--on">
          <View className="bk-pick__main">
            <Text className="bk-pick__title">{caller}</Text>
            <Text className="text-muted block">热线来电者 · 由热线预约</Text>
          </View>
        </View>
      ) : choices.length === 0 ? (
        <View className="card">
          <Text className="text-body block">还没有就诊人，请先添加自己或家人的信息</Text>
          <View className="actions">
            <Button type="primary" block onClick={() => Taro.navigateTo({ url: '/packages/account/profiles/index' })}>
              添加就诊人
            </Button>
          </View>
        </View>
      ) : (
        choices.map((c) => {
          const on = profileId === c.patient.id && !c.blocked
          return (
            <View
              key={c.patient.id}
              className={`bk-pick${on ? ' bk-pick--on' : ''}${c.blocked ? ' bk-pick--off' : ''}`}
              onClick={() => !c.blocked && setProfileId(c.patient.id)}
              data-profile-id={c.patient.id}
              aria-role="radio"
              aria-checked={on}
            >
              <View className="bk-pick__main">
                <Text className="bk-pick__title">
                  {c.patient.name}
                  <Text className="session__relation">（{RELATION_LABELS[c.patient.relation]}）</Text>
                </Text>
                <Text className={`block ${c.blocked ? 'session__blocked' : 'text-muted'}`}>
                  {c.blocked || `${c.patient.age}岁 · ${c.note}`}
                </Text>
              </View>
            </View>
          )
        })
      )}

      <View className="actions">
        {full ? (
          <View>
            <Text className="bk-notice bk-notice--warn">
              本场号源已约满{waitlistCount ? `，已有 ${waitlistCount} 人候补` : ''}。加入候补后，有人退号时按顺序自动为您预约并通知您。
            </Text>
            {!forOther ? (
              <Button type="primary" size="large" block disabled={!chosen || busy} onClick={joinWaitlist}>
                {busy ? '请稍候…' : chosen ? `为${chosen.patient.name}加入候补` : '请先选择就诊人'}
              </Button>
            ) : null}
          </View>
        ) : open ? (
          <Button type="primary" size="large" block disabled={!sliceId || !(forOther || chosen)} onClick={next}>
            {!sliceId ? '请选择时段' : !(forOther || chosen) ? '请选择就诊人' : '下一步'}
          </Button>
        ) : null}
      </View>
    </View>
  )
}

export default function SessionPage() {
  return (
    <Page>
      <Session />
    </Page>
  )
}
