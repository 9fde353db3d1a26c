import type { AccountView } from '../../../types/account'
import type { AccountDoc } from '../../common/identity'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'

export async function accountView(account: AccountDoc): Promise<AccountView> {
  const settings = await getSettings()
  return {
    id: account._id,
    nickname: account.nickname,
    roles: ['patient', ...account.roles],
    preferences: account.preferences,
    healthDataConsent: account.healthDataConsent,
    maxProfiles: settings.account.maxProfiles
  }
}

export async function whoami(_input: unknown, ctx: ActionContext): Promise<AccountView> {
  return accountView(ctx.user().account)
}
