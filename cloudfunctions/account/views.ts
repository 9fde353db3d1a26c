/** Stored account documents → what the app sees. */
import type { AccountView, MessageView, StaffView } from '../../types/account'
import type { AccountDoc } from '../common/identity'
import type { OutboxDoc } from '../common/outbox'
import { getSettings } from '../common/settings'
import type { StaffDoc } from './docs'

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

export function staffView(s: StaffDoc): StaffView {
  return { accountId: s.accountId, name: s.name, roles: s.roles, nurse: s.nurse }
}

export function messageView(m: OutboxDoc): MessageView {
  return {
    id: m._id,
    kind: m.kind,
    title: m.title,
    body: m.body,
    ...(m.page ? { page: m.page } : {}),
    createdAt: m.createdAt,
    read: m.read
  }
}
