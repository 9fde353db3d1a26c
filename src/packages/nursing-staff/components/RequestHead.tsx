import { Text, View } from '@tarojs/components'
import React from 'react'
import type { RequestView } from '../../../../types/nursing'
import { StatusTag } from '../../../components/StatusTag'
import { visitWhen } from '../../nursing/components/when'
import { RiskTag } from './RiskTag'
import '../../nursing/components/nursing.scss'
import './staff.scss'

/**
 * The top card of a request on 护理部's review and the nurse's visit: the patient, the status, the
 * items and the window, and the risk 护理部 gave it. Each screen adds its own lines under these.
 */
export function RequestHead({ request: r, children }: { request: RequestView; children?: React.ReactNode }) {
  return (
    <View className="card">
      <View className="nursing-head">
        <Text className="nursing-head__title">{r.patientName}</Text>
        <StatusTag of="nursing" status={r.status} />
      </View>
      <Text className="text-body block">
        {r.items.map((i) => i.name).join('、')} · {visitWhen(r.windowLabel)}
      </Text>
      {r.risk ? (
        <View className="nursing-board-card__tags">
          <RiskTag risk={r.risk} />
          {r.assessmentNote ? <Text className="text-muted">{r.assessmentNote}</Text> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}
