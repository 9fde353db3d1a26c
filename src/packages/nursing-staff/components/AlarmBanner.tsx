import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import React from 'react'
import { instantLabel } from '../../../../types/booking-rules'
import type { AlarmView } from '../../../../types/nursing'
import { useAction } from '../../../services/useAction'
import { call } from '../../../services/api'
import { locationText } from '../location'
import { NURSING_ROUTES, withQuery } from '../../nursing/routes'
import './staff.scss'

/** Open alarms at the top of 护理部's console, red, until someone acknowledges each. */
export function AlarmBanner({ alarms, onChange }: { alarms: readonly AlarmView[]; onChange(): void }) {
  const ack = useAction((input: { id: string }) => call('nursing', 'acknowledgeAlarm', input), { success: '已标记为已处理' })
  if (!alarms.length) return null
  return (
    <View className="nursing-alarm-banner" role="alert" aria-live="assertive">
      <Text className="nursing-alarm-banner__title block">紧急报警 {alarms.length} 条，请立即联系护士</Text>
      {alarms.map((a) => (
        <View key={a.id} className="nursing-alarm-banner__item" data-alarm={a.requestNo}>
          <Text className="nursing-alarm-banner__who block">
            {a.nurseName}　{instantLabel(a.raisedAt)}
          </Text>
          <Text className="nursing-alarm-banner__line block">
            申请 {a.requestNo} · {a.patientName}
          </Text>
          <Text className="nursing-alarm-banner__line block">地址：{a.address}</Text>
          <Text className="nursing-alarm-banner__line block">最后位置：{a.location ? locationText(a.location) : '暂无位置'}</Text>
          {a.note ? <Text className="nursing-alarm-banner__line block">情况：{a.note}</Text> : null}
          <View className="nursing-alarm-banner__actions">
            <Button
              className="nursing-alarm-banner__call"
              size="large"
              onClick={() => Taro.makePhoneCall({ phoneNumber: a.nursePhone }).catch(() => undefined)}
            >
              呼叫护士 {a.nursePhone}
            </Button>
            <Button
              className="nursing-alarm-banner__ghost"
              fill="outline"
              size="large"
              onClick={() => Taro.navigateTo({ url: withQuery(NURSING_ROUTES.review, { id: a.requestId }) })}
            >
              查看申请
            </Button>
            <Button
              className="nursing-alarm-banner__ghost"
              fill="outline"
              size="large"
              loading={ack.busy}
              onClick={async () => {
                if (await ack.run({ id: a.id })) onChange()
              }}
            >
              确认已处理
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
