import type { ActionContext } from '../../common/router'
import { anyRequest } from '../reads'
import { requestDetail } from '../views'

/** 护理部 opens a request (the router audits every staff read). */
export async function openRequest(input: { id: string }, ctx: ActionContext) {
  ctx.user()
  return requestDetail(await anyRequest(input.id), { as: 'nursing' })
}
