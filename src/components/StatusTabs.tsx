import { ScrollView, Text, View } from '@tarojs/components'
import React from 'react'
import './status-tabs.scss'

interface StatusTabsProps<S extends string> {
  statuses: readonly S[]
  labels: Record<S, string>
  value: S
  onChange(status: S): void
  /** How many are in each status; a tab shows no count until its count is known. */
  counts?: Partial<Record<S, number>>
  /** Drawn after a tab's count, e.g. the decoction room's 1超时 on 浸泡中. */
  extra?(status: S): React.ReactNode
}

/**
 * A work queue's status tabs, one per status with its count, scrolling sideways when they do not
 * fit. Tabs are as tall as any tap target (taller in 长辈模式); each carries `data-status`.
 */
export function StatusTabs<S extends string>({ statuses, labels, value, onChange, counts, extra }: StatusTabsProps<S>) {
  return (
    <ScrollView scrollX className="status-tabs" enhanced showScrollbar={false}>
      <View className="status-tabs__row">
        {statuses.map((s) => {
          const count = counts?.[s]
          return (
            <View
              key={s}
              className={`status-tab${s === value ? ' status-tab--on' : ''}`}
              data-status={s}
              hoverClass="tap-active"
              onClick={() => onChange(s)}
            >
              <Text>{labels[s]}</Text>
              {count !== undefined ? <Text className="status-tab__count">{count}</Text> : null}
              {extra?.(s)}
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
