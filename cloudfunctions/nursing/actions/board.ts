import { BOARD_STATUSES, OPEN_STATUSES, type NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { statusCounts } from '../../common/status-counts'
import { REQUESTS, type RequestDoc } from '../docs'
import { db } from '../../common/db'
import { cursorAfter } from '../../common/paging'
import type { PageCursor } from '../../../types/paging'
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
export async function board(input: { status: NursingStatus; after?: PageCursor }, ctx: ActionContext) {
  ctx.user()
  const [rows, counts, alarms] = await Promise.all([
    OPEN_STATUSES.includes(input.status) ? workingPage(input.status, input.after) : historyPage(input.status, input.after),
    statusCounts(REQUESTS),
    alarmsCollection().where({ status: 'open' }).orderBy('raisedAt', 'desc').limit(20).get()
  ])
  const docs = rows.slice(0, PAGE)
  const hasMore = rows.length > PAGE
  const working = OPEN_STATUSES.includes(input.status)
  const open = alarms.data
  const alarmed = new Set(open.map((a) => a.requestId))
  const names = await staffNames(docs.flatMap((d) => (d.nurseAccountId ? [d.nurseAccountId] : [])))
  return {
    requests: docs.map((d) => boardItem(d, d.nurseAccountId ? (names.get(d.nurseAccountId) ?? null) : null, alarmed.has(d._id))),
    counts: Object.fromEntries(BOARD_STATUSES.map((s) => [s, Math.max(0, counts[s] ?? 0)])),
    openAlarms: open.map(alarmView),
    hasMore,
    ...(hasMore
      ? { next: cursorAfter(docs, (d) => (working ? { at: d.createdAt, rank: d.riskRank } : { at: d.updatedAt }), input.after) }
      : {})
  }
}

/**
 * A working tab's page: highest risk first, then the longest waiting. A later page goes on within
 * the last row's risk from its key, then on to the next risks (both served by status_risk_created).
 */
async function workingPage(status: NursingStatus, after: PageCursor | undefined): Promise<RequestDoc[]> {
  const _ = db().command
  if (!after || after.rank === undefined) {
    const res = await requests()
      .where({ status })
      .orderBy('riskRank', 'asc')
      .orderBy('createdAt', 'asc')
      .limit(PAGE + 1)
      .get()
    return res.data
  }
  const sameRisk = (
    await requests()
      .where({ status, riskRank: after.rank, createdAt: _.gte(after.at) })
      .orderBy('createdAt', 'asc')
      .skip(after.same)
      .limit(PAGE + 1)
      .get()
  ).data
  if (sameRisk.length > PAGE) return sameRisk
  const higher = (
    await requests()
      .where({ status, riskRank: _.gt(after.rank) })
      .orderBy('riskRank', 'asc')
      .orderBy('createdAt', 'asc')
      .limit(PAGE + 1 - sameRisk.length)
      .get()
  ).data
  return [...sameRisk, ...higher]
}

/** A history tab's page: the latest finished first; a later page starts from the last row's key. */
async function historyPage(status: NursingStatus, after: PageCursor | undefined): Promise<RequestDoc[]> {
  const _ = db().command
  const res = await requests()
    .where({ status, ...(after ? { updatedAt: _.lte(after.at) } : {}) })
    .orderBy('updatedAt', 'desc')
    .skip(after?.same ?? 0)
    .limit(PAGE + 1)
    .get()
  return res.data
}
