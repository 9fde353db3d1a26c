import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ConfigProvider, Toast } from '@nutui/nutui-react-taro'
import React, { useEffect } from 'react'
import { ROUTES } from '../routes'
import { canSwitchAccount } from '../services/session'
import { useAccount } from '../state/account'
import { applyElderRoot } from './elderRoot'
import { TOAST_ID } from './feedback'
import { ErrorState, LoadingState } from './States'
import { themeFor } from './theme'
import './page.scss'

interface PageProps {
  children?: React.ReactNode
  className?: string
  /** Renders without a signed-in account (the H5 sign-in page). */
  isPublic?: boolean
}

let redirecting = false

function goToSignIn(): void {
  // Every mounted page notices the sign-out at once; one relaunch is enough.
  if (redirecting) return
  redirecting = true
  Taro.reLaunch({ url: ROUTES.login }).finally(() => {
    redirecting = false
  })
}

/**
 * Every screen's root. Applies 长辈模式 (root class for the app's own styles, NutUI theme
 * variables for the components), hosts the page's Toast, and holds the page until the account
 * is known, so a page can rely on `useAccount().account`.
 */
export function Page({ children, className, isPublic = false }: PageProps) {
  const { status, error, elderMode, refresh } = useAccount()
  const signedOut = status === 'signedOut'

  useEffect(() => {
    if (!isPublic && signedOut && canSwitchAccount) goToSignIn()
  }, [isPublic, signedOut])

  useEffect(() => applyElderRoot(elderMode), [elderMode])

  let body: React.ReactNode
  if (isPublic || status === 'ready') body = children
  else if (status === 'error') body = <ErrorState message={error ?? undefined} onRetry={refresh} />
  else if (signedOut && !canSwitchAccount) body = <ErrorState message="无法确认您的微信身份，请关闭小程序后重新打开" onRetry={refresh} />
  else body = <LoadingState />

  const classes = ['page', elderMode ? 'page--elder' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <ConfigProvider theme={themeFor(elderMode)} className={classes}>
      <View className="page__body">{body}</View>
      {/* A toast is read, never tapped: the page under it stays live (see page.scss). */}
      <Toast id={TOAST_ID} className="page-toast" />
    </ConfigProvider>
  )
}
