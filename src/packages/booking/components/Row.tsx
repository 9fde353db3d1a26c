import { Text, View } from '@tarojs/components'
import React from 'react'
import './booking.scss'

/** One label/value line of a detail card; wraps long values instead of overflowing. */
export function Row({ label, value, strong }: { label: string; value: React.ReactNode; strong?: boolean }) {
  return (
    <View className="bk-row">
      <Text className="bk-row__label">{label}</Text>
      <Text className={`bk-row__value${strong ? ' bk-row__value--strong' : ''}`}>{value}</Text>
    </View>
  )
}
