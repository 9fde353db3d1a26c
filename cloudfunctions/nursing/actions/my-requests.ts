import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { REQUESTS, type RequestDoc } from '../docs'
import { staffNames } from '../reads'
import { requestSummary } from '../views'

export async function myRequests(_input: Record<string, never>, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await db().collection(REQUESTS).where({ accountId }).orderBy('createdAt', 'desc').limit(50).get()
  const docs = res.data as RequestDoc[]
  const names = await staffNames(docs.flatMap((d) => (d.nurseAccountId ? [d.nurseAccountId] : [])))
  return { requests: docs.map((d) => requestSummary(d, d.nurseAccountId ? (names.get(d.nurseAccountId) ?? null) : null)) }
}
