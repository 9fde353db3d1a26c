import { Text } from '@tarojs/components'
import React from 'react'
import { RISK_LABELS, type RiskLevel } from '../../../../types/nursing'
import './staff.scss'

export function RiskTag({ risk }: { risk: RiskLevel }) {
  return <Text className={`nursing-risk nursing-risk--${risk}`}>{RISK_LABELS[risk]}风险</Text>
}
