import { useState } from 'react'
import { toastError } from '../components/feedback'
import { useShownData, type ShownData } from './useShownData'

export interface PagedList<R, T> extends ShownData<R> {
  /** The first page's rows and every page 加载更多 has added since it was loaded. */
  list: T[]
  /** Whether the server has rows after the last one shown. */
  hasMore: boolean
  loadMore(): Promise<void>
}

/**
 * A work queue read a page at a time (护理部工作台, 代煎队列): `load()` reads the first page like
 * `useShownData`, `load(offset)` the rows after those shown. A reload (a new tab, the page shown
 * again, a poll) starts again from the first page.
 */
export function usePagedList<R extends { hasMore: boolean }, T>(
  load: (offset?: number) => Promise<R>,
  rowsOf: (page: R) => T[],
  key: string
): PagedList<R, T> {
  const [more, setMore] = useState<T[]>([])
  const [hasMore, setHasMore] = useState<boolean | null>(null)
  const page = useShownData(async () => {
    const res = await load()
    setMore([])
    setHasMore(null)
    return res
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

  return {
    ...page,
    list: page.data ? [...rowsOf(page.data), ...more] : [],
    hasMore: hasMore ?? page.data?.hasMore ?? false,
    loadMore
  }
}
