import type { StaffRole } from '../../../types/contract'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { changeRoles } from '../roles'
import { staffView } from '../views'

export async function revokeRole(input: { accountId: string; role: StaffRole }, ctx: ActionContext) {
  const me = ctx.user()
  if (input.accountId === me.accountId && input.role === 'admin') {
    throw new AppError('CONFLICT', '不能撤销自己的管理员角色，请让另一位管理员操作')
  }
  const next = await changeRoles(input.accountId, (s) => ({
    ...s,
    roles: s.roles.filter((r) => r !== input.role),
    nurse: input.role === 'nurse' ? null : s.nurse
  }))
  return staffView(next)
}
