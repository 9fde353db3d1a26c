import { DELETION_MEANING } from '../../../types/trust'
import { closeAccount } from '../../common/export'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'

/**
 * Closes the family's account (PIPL: deletion): live things cancelled first under each service's
 * rules, medical records the hospital must keep detached and sealed, everything else erased, and
 * the account left as a marker so its sign-in is refused.
 */
export async function deleteAccount(_input: { confirm: true }, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  if (roles.some((r) => r !== 'patient')) throw new AppError('CONFLICT', '工作人员账号请先由信息科撤销岗位权限后再注销')
  // Audited before the erasure, while the account still names its profiles.
  await ctx.audit({ target: `account:${accountId}`, detail: { closing: true } })
  const result = await closeAccount(accountId, { accountId, roles: ['patient'] })
  return { ...result, meaning: [...DELETION_MEANING] }
}
