import { useCallback, useRef, useState } from 'react'
import { toastError } from '../components/feedback'
import { useShownData, type ShownData } from './useShownData'
import type { PageCursor } from '../../types/paging'

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
 * `useShownData`, `load(next)` the page after one whose reply carried `next` (where the server
 * says the list goes on: a key, not a count, so rows moved meanwhile are neither skipped nor shown
 * twice). A reload (a new tab, the page shown again, a pull-down) starts again from the first page;
 * `refresh()` keeps as many rows as are shown.
 */
export function usePagedList<R extends { hasMore: boolean; next?: PageCursor }, T>(
  load: (after?: PageCursor) => Promise<R>,
  rowsOf: (page: R) => T[],
  key: string
): PagedList<R, T> {
  /** Rows 加载更多 added, and the reply of the last page read (where the list goes on). */
  const [more, setMore] = useState<{ rows: T[]; last: R | null }>({ rows: [], last: null })
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
    const rows: T[] = []
    let last = first
    while (last.hasMore && last.next !== undefined && rowsOf(first).length + rows.length < want) {
      last = await load(last.next)
      rows.push(...rowsOf(last))
    }
    if (readFor === shownKey.current) setMore({ rows, last: rows.length ? last : null })
    return first
  }, key)

  const lastPage = more.last ?? page.data
  const loadMore = async () => {
    if (!lastPage?.hasMore || lastPage.next === undefined) return
    try {
      const res = await load(lastPage.next)
      setMore((m) => ({ rows: [...m.rows, ...rowsOf(res)], last: res }))
    } catch (e) {
      toastError(e)
    }
  }

  const list = page.data ? [...rowsOf(page.data), ...more.rows] : []
  const shown = list.length
  const { reload } = page
  const refresh = useCallback(async () => {
    keep.current = shown
    await reload()
  }, [reload, shown])

  return {
    ...page,
    list,
    hasMore: lastPage?.hasMore ?? false,
    loadMore,
    refresh
  }
}
