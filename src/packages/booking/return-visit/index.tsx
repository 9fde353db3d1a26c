import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React from 'react'
import { dateLabel } from '../../../../types/booking-rules'
import { Page } from '../../../components/Page'
import { ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { ScheduleCard } from '../components/ScheduleCard'
import { BOOKING_ROUTES, param, to } from '../routes'

/** 三天有效: the department's sessions the free return visit can use. */
function ReturnVisit() {
  const { params } = useRouter()
  const appointmentId = param(params, 'appointmentId')
  const visit = useShownData(() => call('booking', 'getAppointment', { id: appointmentId }, { idempotent: true }), [appointmentId])
  const options = useShownData(() => call('booking', 'returnVisitOptions', { appointmentId }, { idempotent: true }), [appointmentId])

  if (!visit.data || !options.data) {
    const error = visit.error ?? options.error
    return error ? <ErrorState message={error} onRetry={options.reload} /> : <LoadingState />
  }
  const a = visit.data
  return (
    <View>
      <Text className="bk-notice bk-notice--info">
        {a.patientName}在{dateLabel(a.date)}看过{a.departmentName}，{dateLabel(options.data.until)}
        前可免费复诊一次（看检查结果），无需再付挂号费。
      </Text>
      {options.data.sessions.length === 0 ? (
        <Text className="bk-empty">复诊有效期内{a.departmentName}暂无可预约的出诊，请留意医院通知或电话咨询</Text>
      ) : (
        options.data.sessions.map((s) => (
          <ScheduleCard
            key={s.id}
            s={s}
            onOpen={() => Taro.navigateTo({ url: to(BOOKING_ROUTES.session, { id: s.id, returnOf: a.id, profileId: a.profileId }) })}
          />
        ))
      )}
    </View>
  )
}

export default function ReturnVisitPage() {
  return (
    <Page>
      <ReturnVisit />
    </Page>
  )
}
