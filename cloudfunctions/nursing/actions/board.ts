import { BOARD_STATUSES, OPEN_STATUSES, type NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { statusCounts } from '../../common/status-counts'
import { REQUESTS } from '../docs'
import { alarmsCollection, requests, staffNames } from '../reads'
import { alarmView, boardItem } from '../views'

const PAGE = 30

/**
 * 护理部's console: one status tab. A working tab puts the highest risk first (not yet assessed
 * counts as highest: nobody knows), then the longest waiting; a history tab (已完成, 已评价, 已拒绝,
 * 已取消) puts the latest finished first, where anyone looking back starts. The count of every tab, history tabs too, from the maintained
 * count per status (one read, however long the history; counting 已完成 by reading it would grow
 * with it); open alarms as a banner.
 */
export async function board(input: { status: NursingStatus; offset?: number }, ctx: ActionContext) {
  ctx.user()
  const offset = input.offset ?? 0
  const [page, counts, alarms] = await Promise.all([
    (OPEN_STATUSES.includes(input.status)
      ? requests().where({ status: input.status }).orderBy('riskRank', 'asc').orderBy('createdAt', 'asc')
      : requests().where({ status: input.status }).orderBy('updatedAt', 'desc')
    )
      .skip(offset)
      .limit(PAGE + 1)
      .get(),
    statusCounts(REQUESTS),
    alarmsCollection().where({ status: 'open' }).orderBy('raisedAt', 'desc').limit(20).get()
  ])
  const docs = page.data.slice(0, PAGE)
  const open = alarms.data
  const alarmed = new Set(open.map((a) => a.requestId))
  const names = await staffNames(docs.flatMap((d) => (d.nurseAccountId ? [d.nurseAccountId] : [])))
  return {
    requests: docs.map((d) => boardItem(d, d.nurseAccountId ? (names.get(d.nurseAccountId) ?? null) : null, alarmed.has(d._id))),
    counts: Object.fromEntries(BOARD_STATUSES.map((s) => [s, Math.max(0, counts[s] ?? 0)])),
    openAlarms: open.map(alarmView),
    hasMore: page.data.length > PAGE
  }
}
