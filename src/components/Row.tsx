import { Text, View } from '@tarojs/components'
import React from 'react'
import './row.scss'

/** One label/value line of a detail card; wraps long values instead of overflowing. */
export function Row({ label, value, strong }: { label: string; value: React.ReactNode; strong?: boolean }) {
  return (
    <View className="row">
      <Text className="row__label">{label}</Text>
      <Text className={`row__value${strong ? ' row__value--strong' : ''}`}>{value}</Text>
    </View>
  )
}
