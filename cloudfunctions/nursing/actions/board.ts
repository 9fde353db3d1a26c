import { BOARD_STATUSES, type NursingStatus } from '../../../types/nursing'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { REQUESTS } from '../docs'
import { alarmsCollection, requests, staffNames } from '../reads'
import { alarmView, boardItem } from '../views'

const PAGE = 30
/** Tabs whose count is work waiting; the history tabs (completed, rated, rejected, cancelled) grow without end and carry none. */
const WORKING_TABS = BOARD_STATUSES.filter((s) => !['completed', 'rated', 'rejected', 'cancelled'].includes(s))

/**
 * 护理部's console: one status tab, highest risk first (not yet assessed counts as highest:
 * nobody knows), then the oldest; the count of every working tab in one group-by (a count per
 * history tab would read the whole history on every poll); open alarms as a banner.
 */
export async function board(input: { status: NursingStatus; offset?: number }, ctx: ActionContext) {
  ctx.user()
  const offset = input.offset ?? 0
  const _ = db().command
  const [page, counts, alarms] = await Promise.all([
    requests()
      .where({ status: input.status })
      .orderBy('riskRank', 'asc')
      .orderBy('createdAt', 'asc')
      .skip(offset)
      .limit(PAGE + 1)
      .get(),
    db()
      .collection(REQUESTS)
      .aggregate()
      .match({ status: _.in(WORKING_TABS) })
      .group({ _id: '$status', n: _.aggregate.sum(1) })
      .end(),
    alarmsCollection().where({ status: 'open' }).orderBy('raisedAt', 'desc').limit(20).get()
  ])
  const docs = page.data.slice(0, PAGE)
  const open = alarms.data
  const alarmed = new Set(open.map((a) => a.requestId))
  const names = await staffNames(docs.flatMap((d) => (d.nurseAccountId ? [d.nurseAccountId] : [])))
  return {
    requests: docs.map((d) => boardItem(d, d.nurseAccountId ? (names.get(d.nurseAccountId) ?? null) : null, alarmed.has(d._id))),
    counts: Object.fromEntries(
      WORKING_TABS.map((s) => [s, (counts.data as Array<{ _id: string; n: number }>).find((c) => c._id === s)?.n ?? 0])
    ),
    openAlarms: open.map(alarmView),
    hasMore: page.data.length > PAGE
  }
}
