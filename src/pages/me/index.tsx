import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup, Switch } from '@nutui/nutui-react-taro'
import React, { useState } from 'react'
import { toastError } from '../../components/feedback'
import { Page } from '../../components/Page'
import { RoleTags } from '../../components/RoleTags'
import { entriesFor } from '../../entries'
import { ROUTES } from '../../routes'
import { canSwitchAccount, signOut } from '../../services/session'
import { useSignedInAccount } from '../../state/account'
import './index.scss'

function Me() {
  const { account, elderMode, setElderMode } = useSignedInAccount()
  const [saving, setSaving] = useState(false)
  const isAdmin = account.roles.includes('admin')

  const toggleElder = async (on: boolean) => {
    setSaving(true)
    try {
      await setElderMode(on)
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  const entries = [
    <Cell
      key="profiles"
      title="就诊人管理"
      description="为自己和家人添加就诊信息"
      extra="›"
      align="center"
      clickable
      onClick={() => Taro.navigateTo({ url: ROUTES.profiles })}
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
      />
    )
  }

  // Staff work (排班, 热线, 爽约限制, 中药房...) from the same entries the home page shows.
  for (const e of entriesFor(account.roles).filter((x) => x.roles)) {
    entries.push(
      <Cell key={e.key} title={e.title} description={e.description} extra="›" align="center" clickable onClick={() => Taro.navigateTo({ url: e.url })} />
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
