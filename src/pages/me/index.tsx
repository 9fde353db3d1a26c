import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup, Switch, Tag } from '@nutui/nutui-react-taro'
import React, { useEffect, useRef } from 'react'
import { Page } from '../../components/Page'
import { RoleTags } from '../../components/RoleTags'
import { entriesFor } from '../../entries'
import { ROUTES } from '../../routes'
import { call } from '../../services/api'
import { useAction } from '../../services/useAction'
import { canSwitchAccount, signOut } from '../../services/session'
import { useSignedInAccount } from '../../state/account'
import { useShownData } from '../../state/useShownData'
import './index.scss'

const MESSAGES_URL = '/packages/account/messages/index'
/** Fired by 我的消息 once it has marked what it showed as read (same name there). */
const MESSAGES_READ_EVENT = 'account.messagesRead'

/** How many messages are unread, kept fresh on every show and whenever 我的消息 reads some. */
function useUnreadCount(): number {
  const inbox = useShownData(() => call('account', 'listMessages', { unreadOnly: true }, { idempotent: true }))
  const { reload } = inbox
  // Only noted while 我的 is hidden; the count reloads when the page is shown again.
  const stale = useRef(false)
  useEffect(() => {
    const onRead = () => {
      stale.current = true
    }
    Taro.eventCenter.on(MESSAGES_READ_EVENT, onRead)
    return () => {
      Taro.eventCenter.off(MESSAGES_READ_EVENT, onRead)
    }
  }, [])
  useDidShow(() => {
    if (!stale.current) return
    stale.current = false
    reload()
  })
  return inbox.data?.unread ?? 0
}

function UnreadBadge({ count }: { count: number }) {
  return (
    <Tag
      className="me__unread"
      type="danger"
      round
      // As wide as it is tall for one digit; the theme sizes it up in 长辈模式.
      style={{ minWidth: 'var(--nutui-tag-height)', boxSizing: 'border-box', marginRight: Taro.pxTransform(16) }}
    >
      {count > 99 ? '99+' : String(count)}
    </Tag>
  )
}

function Me() {
  const { account, elderMode, setElderMode } = useSignedInAccount()
  const elder = useAction((on: boolean) => setElderMode(on))
  const saving = elder.busy
  const isAdmin = account.roles.includes('admin')
  const unread = useUnreadCount()

  const toggleElder = async (on: boolean) => {
    await elder.run(on)
  }

  const entries = [
    <Cell
      key="messages"
      title="我的消息"
      description="就诊提醒、取药和配送进度等通知"
      extra={<>{unread > 0 ? <UnreadBadge count={unread} /> : null}›</>}
      align="center"
      clickable
      onClick={() => Taro.navigateTo({ url: MESSAGES_URL })}
    />,
    <Cell
      key="profiles"
      title="就诊人管理"
      description="为自己和家人添加就诊信息"
      extra="›"
      align="center"
      clickable
      onClick={() => Taro.navigateTo({ url: ROUTES.profiles })}
    />,
    <Cell
      key="privacy"
      title="隐私与数据"
      description="谁查看了我的信息、导出数据、撤回同意、注销账号"
      extra="›"
      align="center"
      clickable
      onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}
    />
  ]
  if (isAdmin) {
    entries.push(
      <Cell
        key="staff"
        title="员工与角色"
        description="设置员工角色和护士资质"
        extra="›"
        align="center"
        clickable
        onClick={() => Taro.navigateTo({ url: ROUTES.staff })}
      />,
      <Cell
        key="settings"
        title="医院规则设置"
        description="放号时间、预约截止、爽约限制等，修改立即生效"
        extra="›"
        align="center"
        clickable
        onClick={() => Taro.navigateTo({ url: ROUTES.settings })}
      />
    )
  }

  // Staff work (排班, 热线, 爽约限制, 中药房...) from the same entries the home page shows.
  for (const e of entriesFor(account.roles).filter((x) => x.roles)) {
    entries.push(
      <Cell
        key={e.key}
        title={e.title}
        description={e.description}
        extra="›"
        align="center"
        clickable
        onClick={() => Taro.navigateTo({ url: e.url })}
      />
    )
  }

  const switchAccount = () => {
    signOut()
    Taro.reLaunch({ url: ROUTES.login })
  }

  return (
    <View className="me">
      <View className="card me__header">
        <View className="me__avatar">{Array.from(account.nickname)[0] ?? '我'}</View>
        <View className="me__who">
          <Text className="me__name">{account.nickname}</Text>
          <RoleTags roles={account.roles} />
        </View>
      </View>

      <CellGroup className="me__group">
        <Cell
          className="me__elder"
          title="长辈模式"
          description="字更大、按钮更大、颜色更清楚"
          extra={<Switch checked={elderMode} disabled={saving} onChange={toggleElder} ariaLabel="长辈模式" />}
          align="center"
        />
      </CellGroup>

      {/* Built as an array: CellGroup counts a `null` child and would draw a divider under the last row. */}
      <CellGroup className="me__group">{entries}</CellGroup>

      {canSwitchAccount ? (
        <CellGroup className="me__group">
          <Cell title="切换演示账号" extra="›" align="center" clickable onClick={switchAccount} />
        </CellGroup>
      ) : null}
    </View>
  )
}

export default function MePage() {
  return (
    <Page>
      <Me />
    </Page>
  )
}
