import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import React, { useEffect, useState } from 'react'
import { ROLE_LABELS, type Role } from '../../../../types/contract'
import { toastError } from '../../../components/feedback'
import { Page } from '../../../components/Page'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { ROUTES } from '../../../routes'
import { errorText } from '../../../services/errors'
import { listDemoAccounts, signInAs, type DemoAccount } from '../../../services/session'
import './index.scss'

const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r

/** Local host only: pick a seeded demo account. The mini program signs in with WeChat instead. */
function Login() {
  const [accounts, setAccounts] = useState<DemoAccount[]>()
  const [error, setError] = useState<string>()
  const [signingIn, setSigningIn] = useState<string | null>(null)

  const load = async () => {
    setError(undefined)
    try {
      setAccounts(await listDemoAccounts())
    } catch (e) {
      setError(errorText(e))
    }
  }

  useEffect(() => {
    load()
  }, [])

  const choose = async (a: DemoAccount) => {
    if (signingIn) return
    setSigningIn(a.key)
    try {
      await signInAs(a.key)
      await Taro.reLaunch({ url: ROUTES.home })
    } catch (e) {
      toastError(e)
      setSigningIn(null)
    }
  }

  if (error) return <ErrorState message={error} onRetry={load} />
  if (!accounts) return <LoadingState />
  if (accounts.length === 0) return <EmptyState mark="!" title="没有演示账号" description="本地服务还没有生成演示数据" />

  return (
    <View className="login">
      <Text className="login__title">选择一个演示账号登录</Text>
      <Text className="text-muted block login__lead">此页面只在本地演示环境出现；正式的小程序直接使用微信身份，无需登录。</Text>
      {accounts.map((a) => (
        <View
          key={a.key}
          className={`card login__account${signingIn === a.key ? ' login__account--busy' : ''}`}
          hoverClass="tap-active"
          onClick={() => choose(a)}
          data-account={a.key}
        >
          <View className="login__account-head">
            <Text className="login__name">{a.name}</Text>
            <Text className="login__go">{signingIn === a.key ? '正在登录…' : '登录 ›'}</Text>
          </View>
          <View className="role-tags login__roles">
            {a.roles.map((r) => (
              <Text key={r} className={`role-tag${r === 'patient' ? '' : ' role-tag--staff'}`}>
                {roleLabel(r)}
              </Text>
            ))}
          </View>
          {a.description ? <Text className="login__desc">{a.description}</Text> : null}
        </View>
      ))}
    </View>
  )
}

export default function LoginPage() {
  return (
    <Page isPublic>
      <Login />
    </Page>
  )
}
