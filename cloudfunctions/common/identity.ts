/**
 * Who is calling: only what CloudBase puts in `context` (WX_OPENID for mini program users,
 * TCB_CUSTOM_USER_ID / TCB_UUID for other logins), read with the SDK's getCloudbaseContext.
 * Nothing in event.data is ever taken as identity.
 */
import { createHash } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'
import type { Role, StaffRole } from '../../types/contract'
import { AppError, isDuplicateKeyError } from './errors'
import { iso } from './clock'
import { sharedById } from './batched'
import { collection } from './typed'

export interface AccountDoc {
  _id: string
  openid: string
  nickname: string
  /** Copy of the staff roles, kept in step by the admin actions, so a call needs one read. */
  roles: StaffRole[]
  preferences: { elderMode: boolean }
  healthDataConsent: { version: string; at: string } | null
  /** Active patient profiles, counted so that the per-account limit holds under concurrency. */
  profileCount: number
  createdAt: string
}

export interface UserCaller {
  kind: 'user'
  openid: string
  accountId: string
  account: AccountDoc
  roles: Role[]
}
export interface SystemCaller {
  kind: 'system'
  roles: ['system']
}
export type Caller = UserCaller | SystemCaller

export function openidFromContext(context: unknown): string | undefined {
  if (!context || typeof context !== 'object') return undefined
  let env: Record<string, unknown>
  try {
    env = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<string, unknown>
  } catch {
    return undefined
  }
  const id = env.WX_OPENID || env.TCB_CUSTOM_USER_ID || env.TCB_UUID
  return typeof id === 'string' && id.length > 0 ? id : undefined
}

export function accountIdFor(openid: string): string {
  return `acc_${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`
}

const sharedAccount = sharedById<AccountDoc>('accounts')

/** Loads the caller's account, creating it on first contact (WeChat's openid is the sign-up). */
export async function loadAccount(openid: string): Promise<AccountDoc> {
  const _id = accountIdFor(openid)
  const accounts = collection<AccountDoc>('accounts')
  const found = await sharedAccount(_id)
  if (found) return refuseClosed(found)
  const fresh: AccountDoc = {
    _id,
    openid,
    nickname: '微信用户',
    roles: [],
    preferences: { elderMode: false },
    healthDataConsent: null,
    profileCount: 0,
    createdAt: iso()
  }
  try {
    await accounts.add(fresh)
    return fresh
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
    return (await accounts.doc(_id).get()).data[0]
  }
}

/** A closed account (account.deleteAccount) is kept only as a marker: its sign-in is refused. */
function refuseClosed(found: AccountDoc): AccountDoc {
  if ((found as { deletedAt?: string }).deletedAt) throw new AppError('UNAUTHENTICATED', '该账号已注销')
  return found
}

export function rolesOf(account: AccountDoc): Role[] {
  return ['patient', ...account.roles]
}
