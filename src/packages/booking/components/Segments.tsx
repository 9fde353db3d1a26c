import { Text, View } from '@tarojs/components'
import React from 'react'
import './booking.scss'

/** A row of mutually exclusive choices (tabs, days, session kinds) with large tap targets. */
export function Segments<T extends string>({
  items,
  value,
  onChange,
  wrap
}: {
  items: ReadonlyArray<{ value: T; label: string; hint?: string }>
  value: NoInfer<T>
  onChange(v: NoInfer<T>): void
  wrap?: boolean
}) {
  return (
    <View className={`bk-seg${wrap ? ' bk-seg--wrap' : ''}`} aria-role="tablist">
      {items.map((it) => (
        <View
          key={it.value}
          className={`bk-seg__item${it.value === value ? ' bk-seg__item--on' : ''}`}
          onClick={() => onChange(it.value)}
          aria-role="tab"
          aria-selected={it.value === value}
        >
          <Text className="bk-seg__label">{it.label}</Text>
          {it.hint ? <Text className="bk-seg__hint">{it.hint}</Text> : null}
        </View>
      ))}
    </View>
  )
}
