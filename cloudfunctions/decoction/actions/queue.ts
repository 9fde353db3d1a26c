import { ACTIVE_STATUSES, QUEUE_PAGE_SIZE, type OrderStatus } from '../../../types/decoction'
import { overdueBefore } from '../../../types/decoction-rules'
import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { ORDERS, type OrderDoc } from '../docs'
import { queueItem } from '../views'
import { cursorAfter } from '../../common/paging'
import type { PageCursor } from '../../../types/paging'
import { collection } from '../../common/typed'

/**
 * One page of the decoction room's queue for one status, with the count of every working status.
 * Newest first; in soaking, longest-soaking first, so the overdue ones lead. Every query pins
 * `status` and sorts on the second key of a (status, …) index; a later page starts from `after`.
 */
export async function queue(input: { status: OrderStatus; after?: PageCursor }, ctx: ActionContext) {
  ctx.user()
  const { soakingMinutes } = (await getSettings()).decoction
  const at = now()
  const _ = db().command
  const orders = () => collection<OrderDoc>(ORDERS)
  const { after } = input
  const soaking = input.status === 'soaking'
  // A later page starts at the last row's key (types/paging.ts), past the rows shown that share it.
  const sorted = soaking
    ? orders()
        .where({ status: 'soaking', ...(after ? { soakStartedAt: _.gte(after.at) } : {}) })
        .orderBy('soakStartedAt', 'asc')
    : orders()
        .where({ status: input.status, ...(after ? { createdAt: _.lte(after.at) } : {}) })
        .orderBy('createdAt', 'desc')
  const [page, overdue, ...counts] = await Promise.all([
    sorted
      .skip(after?.same ?? 0)
      .limit(QUEUE_PAGE_SIZE + 1)
      .get(),
    orders()
      .where({ status: 'soaking', soakStartedAt: _.lt(overdueBefore(at, soakingMinutes)) })
      .count(),
    ...ACTIVE_STATUSES.map((status) => orders().where({ status }).count())
  ])
  const docs = page.data
  const shown = docs.slice(0, QUEUE_PAGE_SIZE)
  const hasMore = docs.length > QUEUE_PAGE_SIZE
  return {
    orders: shown.map((o) => queueItem(o, at, soakingMinutes)),
    counts: Object.fromEntries(ACTIVE_STATUSES.map((s, i) => [s, (counts[i] as { total: number }).total])),
    overdue: (overdue as { total: number }).total,
    hasMore,
    ...(hasMore ? { next: cursorAfter(shown, (o) => ({ at: (soaking ? o.soakStartedAt : o.createdAt) ?? '' }), after) } : {}),
    soakingMinutes
  }
}
