import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import { LIVE_STATUSES, type AlarmView, type LocationInput, type NursingStatus } from '../../../../types/nursing'
import { call } from '../../../services/api'
import { useAction } from '../../../services/useAction'
import { currentLocation } from '../location'
import './staff.scss'

export interface LiveVisit {
  id: string
  status: NursingStatus
  patientName: string
}

/** Furthest along first: on the road or at a door is where a nurse may need help. */
const URGENCY: readonly NursingStatus[] = ['in_service', 'arrived', 'en_route', 'accepted']

/** The visit the alarm is for on a screen that lists several: the one she is most likely on now. */
export function liveVisitOf<V extends LiveVisit>(visits: readonly V[]): V | null {
  const live = visits.filter((v) => LIVE_STATUSES.includes(v.status))
  live.sort((a, b) => URGENCY.indexOf(a.status) - URGENCY.indexOf(b.status))
  return live[0] ?? null
}

/**
 * 一键报警 pinned to the bottom of every nurse screen while she has a live visit. One tap: the
 * alarm goes at once with whatever location the phone gives within 3 s, never waiting on a dialog.
 * The screen gives itself `nursing-has-alarm-bar` so the bar covers nothing.
 */
export function LiveAlarm({ visit, showWho = false }: { visit: LiveVisit | null; showWho?: boolean }) {
  const [sent, setSent] = useState<AlarmView | null>(null)
  const raise = useAction((input: { id: string; location?: LocationInput }, requestId: string) =>
    call('nursing', 'raiseAlarm', input, { requestId })
  )
  if (!visit || !LIVE_STATUSES.includes(visit.status)) return null
  const send = async () => {
    const location = await Promise.race([currentLocation(), new Promise<null>((res) => setTimeout(() => res(null), 3000))])
    const done = await raise.run({ id: visit.id, ...(location ? { location } : {}) })
    if (done) setSent(done)
  }
  return (
    <>
      {sent && sent.requestId === visit.id ? (
        <View className="nursing-notice nursing-notice--danger nursing-alarm-sent" role="alert" data-alarm-sent>
          <Text className="block nursing-alarm-sent__title">报警已发送（{instantLabel(sent.raisedAt)}）</Text>
          <Text className="block">护理部已收到，会马上联系您，请保持电话畅通。</Text>
        </View>
      ) : null}
      <View className="nursing-alarm-bar" data-alarm-for={visit.id}>
        {showWho ? <Text className="nursing-alarm-bar__who block">进行中：{visit.patientName}</Text> : null}
        <Button
          className="nursing-alarm-bar__button"
          type="danger"
          size="large"
          block
          loading={raise.busy}
          disabled={raise.busy}
          onClick={send}
        >
          {raise.busy ? '正在报警…' : '一键报警'}
        </Button>
      </View>
    </>
  )
}
