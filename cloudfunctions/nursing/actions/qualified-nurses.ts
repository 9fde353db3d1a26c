import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { candidatesFor } from '../nurses'
import { anyRequest } from '../reads'

export async function qualifiedNurses(input: { id: string }, ctx: ActionContext) {
  ctx.user()
  const doc = await anyRequest(input.id)
  const list = await candidatesFor(doc, (await getSettings()).nursing)
  return {
    nurses: list.map(({ staff, problems }) => ({
      accountId: staff.accountId,
      name: staff.name,
      title: staff.nurse?.title ?? '',
      years: staff.nurse?.years ?? 0,
      problems
    }))
  }
}
