import type { StaffRole } from '../../../types/contract'
import type { ActionContext } from '../../common/router'
import { changeRoles } from '../roles'
import { staffView } from '../views'

export async function grantRole(input: { accountId: string; role: StaffRole; name?: string }, ctx: ActionContext) {
  ctx.user()
  const next = await changeRoles(input.accountId, (s) => ({
    ...s,
    name: input.name ?? s.name,
    roles: s.roles.includes(input.role) ? s.roles : [...s.roles, input.role]
  }))
  return staffView(next)
}
