import Taro from '@tarojs/taro'
import React, { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { AccountView } from '../../types/account'
import { call } from '../services/api'
import { ApiError, errorText } from '../services/errors'
import { isSignedIn, onSessionChange } from '../services/session'

export type AccountStatus = 'loading' | 'ready' | 'signedOut' | 'error'

interface AccountContextValue {
  status: AccountStatus
  account: AccountView | null
  /** Chinese reason `whoami` failed, when status is `error`. */
  error: string | null
  elderMode: boolean
  refresh(): Promise<void>
  /** Applies at once and saves to the account; reverts and throws if saving fails. */
  setElderMode(on: boolean): Promise<void>
  /** After an action that returns the account view (e.g. consent). */
  replaceAccount(account: AccountView): void
}

const AccountContext = createContext<AccountContextValue | null>(null)

/**
 * The last elder-mode setting seen on this device, so a reload starts in the right size instead of
 * flashing small text until `whoami` answers. The server's value always wins.
 */
const ELDER_HINT_KEY = 'prefs.elderMode'

function readElderHint(): boolean {
  return Taro.getStorageSync(ELDER_HINT_KEY) === true
}

function writeElderHint(on: boolean): void {
  Taro.setStorageSync(ELDER_HINT_KEY, on)
}

export function AccountProvider({ children }: { children?: React.ReactNode }) {
  const [status, setStatus] = useState<AccountStatus>(() => (isSignedIn() ? 'loading' : 'signedOut'))
  const [account, setAccount] = useState<AccountView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [elderHint, setElderHint] = useState<boolean>(readElderHint)
  const generation = useRef(0)

  const refresh = useCallback(async () => {
    const mine = ++generation.current
    if (!isSignedIn()) {
      setAccount(null)
      setStatus('signedOut')
      return
    }
    try {
      const me = await call('account', 'whoami', {}, { idempotent: true })
      if (mine !== generation.current) return
      setAccount(me)
      setError(null)
      setStatus('ready')
      writeElderHint(me.preferences.elderMode)
      setElderHint(me.preferences.elderMode)
    } catch (e) {
      if (mine !== generation.current) return
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') {
        setAccount(null)
        setStatus('signedOut')
        return
      }
      setError(errorText(e))
      setStatus((prev) => (prev === 'ready' ? prev : 'error'))
    }
  }, [])

  useEffect(() => {
    refresh()
    return onSessionChange(() => {
      setAccount(null)
      setStatus(isSignedIn() ? 'loading' : 'signedOut')
      if (!isSignedIn()) {
        writeElderHint(false)
        setElderHint(false)
      }
      refresh()
    })
  }, [refresh])

  const setElderMode = useCallback(
    async (on: boolean) => {
      const previous = account?.preferences.elderMode ?? false
      const apply = (value: boolean) => {
        setAccount((a) => (a ? { ...a, preferences: { ...a.preferences, elderMode: value } } : a))
        setElderHint(value)
        writeElderHint(value)
      }
      apply(on)
      try {
        const saved = await call('account', 'setPreferences', { elderMode: on })
        apply(saved.elderMode)
      } catch (e) {
        apply(previous)
        throw e
      }
    },
    [account]
  )

  const replaceAccount = useCallback((next: AccountView) => setAccount(next), [])

  const value = useMemo<AccountContextValue>(
    () => ({
      status,
      account,
      error,
      elderMode: account ? account.preferences.elderMode : elderHint,
      refresh,
      setElderMode,
      replaceAccount
    }),
    [status, account, error, elderHint, refresh, setElderMode, replaceAccount]
  )

  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>
}

export function useAccount(): AccountContextValue {
  const ctx = useContext(AccountContext)
  if (!ctx) throw new Error('useAccount outside AccountProvider')
  return ctx
}

/** Inside a `Page` the account is loaded before the page's content renders. */
export function useSignedInAccount(): AccountContextValue & { account: AccountView } {
  const ctx = useAccount()
  if (!ctx.account) throw new Error('useSignedInAccount rendered outside a ready Page')
  return ctx as AccountContextValue & { account: AccountView }
}
