import { Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import React from 'react'

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state state--loading" aria-live="polite">
      <Loading direction="vertical">
        <Text className="state__desc">{text}</Text>
      </Loading>
    </View>
  )
}

interface EmptyStateProps {
  title: string
  description?: string
  /** A short mark drawn in the circle, e.g. 约 or 单. */
  mark?: string
  action?: React.ReactNode
}

export function EmptyState({ title, description, mark, action }: EmptyStateProps) {
  return (
    <View className="state">
      {mark ? <View className="state__mark">{mark}</View> : null}
      <Text className="state__title">{title}</Text>
      {description ? <Text className="state__desc">{description}</Text> : null}
      {action ? <View className="state__action">{action}</View> : null}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  return (
    <EmptyState
      mark="!"
      title="加载失败"
      description={message ?? '网络不给力，请检查网络后重试'}
      action={
        onRetry ? (
          <Button type="primary" size="large" onClick={onRetry}>
            重新加载
          </Button>
        ) : null
      }
    />
  )
}
