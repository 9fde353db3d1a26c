import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React, { useEffect, useRef } from 'react'
import type { MessageView } from '../../../../types/account'
import { toast } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { call } from '../../../services/api'
import { useShownData } from '../../../state/useShownData'
import { messageTarget, messageTime } from './format'
import './index.scss'

/** 我的 listens for this to drop its unread badge (same name in src/pages/me/index.tsx). */
const MESSAGES_READ_EVENT = 'account.messagesRead'

async function open(page: string): Promise<void> {
  const target = messageTarget(page)
  try {
    if (target.tab) await Taro.switchTab({ url: target.url })
    else await Taro.navigateTo({ url: target.url })
  } catch (e) {
    // An old message may point at a page a later version no longer has.
    console.error('[messages] cannot open', page, e)
    toast('该页面暂时无法打开', 'fail')
  }
}

function MessageCard({ message, unread }: { message: MessageView; unread: boolean }) {
  const page = message.page
  return (
    <View
      className={`card message-card${unread ? ' message-card--unread' : ''}`}
      data-message-id={message.id}
      hoverClass={page ? 'message-card--pressed' : 'none'}
      onClick={page ? () => open(page) : undefined}
    >
      <View className="message-card__head">
        {unread ? <Text className="message-card__new">未读</Text> : null}
        <Text className="message-card__title">{message.title}</Text>
      </View>
      <Text className="message-card__time block">{messageTime(message.createdAt)}</Text>
      <Text className="message-card__body block">{message.body}</Text>
      {page ? (
        <View className="message-card__more">
          <Text>查看详情</Text>
          <Text className="message-card__chevron">›</Text>
        </View>
      ) : null}
    </View>
  )
}

function Messages() {
  const list = useShownData(() => call('account', 'listMessages', {}, { idempotent: true }))
  // Marked on the server as soon as they are shown, but they keep their 未读 mark on screen
  // until the list is loaded again (next visit, pull-down).
  const marked = useRef(new Set<string>())

  const messages = list.data?.messages
  useEffect(() => {
    if (!messages) return
    const ids = messages
      .filter((m) => !m.read && !marked.current.has(m.id))
      .map((m) => m.id)
      .slice(0, 100)
    if (ids.length === 0) return
    ids.forEach((id) => marked.current.add(id))
    call('account', 'markMessagesRead', { ids })
      .then(() => Taro.eventCenter.trigger(MESSAGES_READ_EVENT))
      .catch((e) => {
        // Still unread on the server: the badge stays and the next visit marks them again.
        ids.forEach((id) => marked.current.delete(id))
        console.error('[messages] markMessagesRead failed', e)
      })
  }, [messages])

  if (messages === undefined) {
    return list.error ? <ErrorState message={list.error} onRetry={list.reload} /> : <LoadingState />
  }
  if (messages.length === 0) {
    return <EmptyState mark="信" title="暂无消息" description="就诊提醒、取药和配送进度等通知会显示在这里" />
  }

  const unread = messages.filter((m) => !m.read).length
  return (
    <View className="messages">
      <Text className="text-muted block messages__summary">
        共 {messages.length} 条{unread ? `，${unread} 条未读` : ''}
      </Text>
      {messages.map((m) => (
        <MessageCard key={m.id} message={m} unread={!m.read} />
      ))}
    </View>
  )
}

export default function MessagesPage() {
  return (
    <Page>
      <Messages />
    </Page>
  )
}
