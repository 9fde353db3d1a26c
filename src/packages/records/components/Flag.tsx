import { Text, View } from '@tarojs/components'
import React from 'react'
import type { FlagLevel } from '../../../../types/records-rules'
import './records.scss'

/** The flag's word in its colour: 正常 green, 偏高 amber, 偏低 blue, 危急 red. */
export function FlagTag({ level, label }: { level: FlagLevel; label: string }) {
  return <Text className={`flag-tag flag-tag--${level}`}>{label}</Text>
}

/** What a saved reading means, said plainly; a critical one fills the box in red. */
export function FlagAdvice({ level, label, advice, title }: { level: FlagLevel; label: string; advice: string; title?: string }) {
  return (
    <View className={`flag-advice flag-advice--${level}`} aria-live="assertive">
      <View className="flag-advice__head">
        <FlagTag level={level} label={label} />
        {title ? <Text className="flag-advice__title">{title}</Text> : null}
      </View>
      <Text className="flag-advice__text block">{advice}</Text>
    </View>
  )
}
