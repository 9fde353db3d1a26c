import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React from 'react'
import { Page } from '../../components/Page'
import { entriesFor } from '../../entries'
import { ROUTES } from '../../routes'
import { call } from '../../services/api'
import { useSignedInAccount } from '../../state/account'
import { useShownData } from '../../state/useShownData'
import './index.scss'

function Home() {
  const { account } = useSignedInAccount()
  const profiles = useShownData(() => call('account', 'listProfiles', {}, { idempotent: true }))
  // A 停诊 must not wait for someone to open 我的 → 我的消息: it stands on 首页 while unread.
  const unread = useShownData(() => call('account', 'listMessages', { unreadOnly: true }, { idempotent: true }))
  const notices = (unread.data?.messages ?? []).filter((m) => m.kind === 'booking_closed')
  const count = profiles.data?.profiles.length
  const entries = entriesFor(account.roles)

  const profileLine =
    count === undefined
      ? (profiles.error ?? '正在读取…')
      : count === 0
        ? '还没有就诊人，添加后可为自己和家人办理服务'
        : `已添加 ${count} 位，最多 ${account.maxProfiles} 位`

  return (
    <View className="home">
      <View className="card home__greeting">
        <Text className="home__hello">您好，{account.nickname}</Text>
        <Text className="text-muted block">欢迎使用县域医院便民服务</Text>
      </View>

      {notices.map((m) => (
        <View
          key={m.id}
          className="card home__notice"
          data-message-id={m.id}
          hoverClass={m.page ? 'tap-active' : 'none'}
          onClick={m.page ? () => Taro.navigateTo({ url: m.page as string }) : undefined}
        >
          <Text className="home__notice-title block">{m.title}</Text>
          <Text className="text-body block">{m.body}</Text>
          {m.page ? <Text className="home__notice-more block">查看预约 ›</Text> : null}
        </View>
      ))}

      <View
        className="card home__shortcut"
        hoverClass="tap-active"
        onClick={() => Taro.navigateTo({ url: ROUTES.profiles })}
        aria-role="button"
      >
        <View className="home__shortcut-mark">人</View>
        <View className="home__shortcut-text">
          <Text className="home__shortcut-title">就诊人</Text>
          <Text className="text-muted block">{profileLine}</Text>
        </View>
        <Text className="home__chevron">›</Text>
      </View>

      <Text className="section-title">便民服务</Text>
      {entries.length === 0 ? (
        <View className="card">
          <Text className="text-body block">专家号预约、中药代煎配送、上门护理和健康档案服务正在接入，开通后会在这里显示。</Text>
        </View>
      ) : (
        entries.map((e) => (
          <View key={e.key} className="card home__entry" hoverClass="tap-active" onClick={() => Taro.navigateTo({ url: e.url })}>
            <Text className="home__shortcut-title">{e.title}</Text>
            <Text className="text-muted block">{e.description}</Text>
          </View>
        ))
      )}
    </View>
  )
}

export default function HomePage() {
  return (
    <Page>
      <Home />
    </Page>
  )
}
