import { useCallback, useRef, useState } from 'react'
import { toastError } from '../components/feedback'
import { useShownData, type ShownData } from './useShownData'

export interface PagedList<R, T> extends ShownData<R> {
  /** The first page's rows and every page 加载更多 has added since it was loaded. */
  list: T[]
  /** Whether the server has rows after the last one shown. */
  hasMore: boolean
  loadMore(): Promise<void>
  /**
   * Reads again everything on screen (for a poll): the first page and, when 加载更多 has added
   * rows, as many pages again as cover them, so that a poll never takes away what someone has
   * scrolled down to read.
   */
  refresh(): Promise<void>
}

/**
 * A work queue read a page at a time (护理部工作台, 代煎队列): `load()` reads the first page like
 * `useShownData`, `load(offset)` the rows after those shown. A reload (a new tab, the page shown
 * again, a pull-down) starts again from the first page; `refresh()` keeps as many rows as are shown.
 */
export function usePagedList<R extends { hasMore: boolean }, T>(
  load: (offset?: number) => Promise<R>,
  rowsOf: (page: R) => T[],
  key: string
): PagedList<R, T> {
  const [more, setMore] = useState<T[]>([])
  const [hasMore, setHasMore] = useState<boolean | null>(null)
  /** How many rows the next read must cover (set by refresh, used once). */
  const keep = useRef(0)
  /** The key being shown: rows read for another key (a tab since left) are dropped. */
  const shownKey = useRef(key)
  shownKey.current = key
  const page = useShownData(async () => {
    const want = keep.current
    keep.current = 0
    const readFor = shownKey.current
    const first = await load()
    const extra: T[] = []
    let last = first
    while (last.hasMore && rowsOf(first).length + extra.length < want) {
      last = await load(rowsOf(first).length + extra.length)
      extra.push(...rowsOf(last))
    }
    if (readFor === shownKey.current) {
      setMore(extra)
      setHasMore(extra.length ? last.hasMore : null)
    }
    return first
  }, key)

  const loadMore = async () => {
    if (!page.data) return
    try {
      const res = await load(rowsOf(page.data).length + more.length)
      setMore((m) => [...m, ...rowsOf(res)])
      setHasMore(res.hasMore)
    } catch (e) {
      toastError(e)
    }
  }

  const list = page.data ? [...rowsOf(page.data), ...more] : []
  const shown = list.length
  const { reload } = page
  const refresh = useCallback(async () => {
    keep.current = shown
    await reload()
  }, [reload, shown])

  return {
    ...page,
    list,
    hasMore: hasMore ?? page.data?.hasMore ?? false,
    loadMore,
    refresh
  }
}
