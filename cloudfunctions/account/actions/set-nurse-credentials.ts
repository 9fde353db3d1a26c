import type { NurseTitle } from '../../../types/account'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { changeRoles } from '../roles'
import { staffView } from '../views'

export async function setNurseCredentials(
  input: { accountId: string; title: NurseTitle; years: number; licenseNumber: string },
  ctx: ActionContext
) {
  ctx.user()
  const next = await changeRoles(input.accountId, (s) => {
    if (!s.roles.includes('nurse')) throw new AppError('CONFLICT', '请先授予护士角色，再填写执业信息')
    return { ...s, nurse: { title: input.title, years: input.years, licenseNumber: input.licenseNumber } }
  })
  return staffView(next)
}
