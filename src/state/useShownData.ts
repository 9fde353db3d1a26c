import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../services/errors'

export interface ShownData<T> {
  data: T | undefined
  /** Chinese reason the last load failed; the previous data is kept. */
  error: string | undefined
  loading: boolean
  reload(): Promise<void>
}

type ReloadKey = string | number | undefined

/**
 * Data a screen shows that can change elsewhere (another page, another device): loaded on mount,
 * again whenever the page comes back into view, on pull-down, and when `key` (what the fetcher
 * reads: a search word, an id, or a list of them) changes.
 */
export function useShownData<T>(fetcher: () => Promise<T>, key?: ReloadKey | readonly ReloadKey[]): ShownData<T> {
  // One comparable value, so a fresh `[id]` array each render does not reload every render.
  const reloadKey = Array.isArray(key) ? JSON.stringify(key) : key
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true })
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher
  const generation = useRef(0)
  const mountedAt = useRef(Date.now())
  const startedAt = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    startedAt.current = Date.now()
    setState((s) => ({ ...s, loading: true }))
    try {
      const data = await fetcherRef.current()
      if (mine === generation.current) setState({ data, loading: false })
    } catch (e) {
      if (mine === generation.current) setState((s) => ({ data: s.data, error: errorText(e), loading: false }))
    }
  }, [])

  useEffect(() => {
    reload()
  }, [reload, reloadKey])

  // The first show of a page arrives together with the mount, sometimes before its effect has run
  // (startedAt still 0): either way the mount's load serves it. Later shows reload.
  useDidShow(() => {
    if (Date.now() - Math.max(mountedAt.current, startedAt.current) > 1000) reload()
  })

  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })

  return { data: state.data, error: state.error, loading: state.loading, reload }
}
