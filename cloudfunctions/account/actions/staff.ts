import type { NurseTitle, StaffView } from '../../../types/account'
import type { StaffRole } from '../../../types/contract'
import { iso } from '../../common/clock'
import { db, firstDoc, inTransaction } from '../../common/db'
import { AppError } from '../../common/errors'
import type { AccountDoc } from '../../common/identity'
import type { ActionContext } from '../../common/router'

export interface StaffDoc {
  _id: string
  accountId: string
  name: string
  roles: StaffRole[]
  nurse: { title: NurseTitle; years: number; licenseNumber: string } | null
  updatedAt: string
}

function view(s: StaffDoc): StaffView {
  return { accountId: s.accountId, name: s.name, roles: s.roles, nurse: s.nurse }
}

export async function listStaff(input: { keyword?: string }, ctx: ActionContext) {
  ctx.user()
  const staff = await db().collection('staff').orderBy('name', 'asc').limit(1000).get()
  const where = input.keyword ? { nickname: db().RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' }) } : {}
  const accounts = await db().collection('accounts').where(where).orderBy('createdAt', 'asc').limit(100).get()
  return {
    staff: (staff.data as StaffDoc[]).map(view),
    accounts: (accounts.data as AccountDoc[]).map((a) => ({ id: a._id, nickname: a.nickname }))
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Staff roles live in `staff`; the account keeps a copy so that resolving a caller is one read.
 * Both change together in one transaction.
 */
async function changeRoles(accountId: string, change: (current: StaffDoc) => StaffDoc): Promise<StaffDoc> {
  return inTransaction(async (tx) => {
    const accRes = await tx.collection('accounts').doc(accountId).get()
    const account = firstDoc<AccountDoc>(accRes)
    if (!account) throw new AppError('NOT_FOUND', '没有找到这个账号')
    const staffRes = await tx.collection('staff').doc(accountId).get()
    const existing = firstDoc<StaffDoc>(staffRes)
    const current: StaffDoc = existing ?? { _id: accountId, accountId, name: account.nickname, roles: [], nurse: null, updatedAt: iso() }
    const next = { ...change(current), updatedAt: iso() }
    const { _id, ...body } = next
    await tx.collection('staff').doc(_id).set(body)
    await tx.collection('accounts').doc(accountId).update({ roles: next.roles })
    return next
  })
}

export async function grantRole(input: { accountId: string; role: StaffRole; name?: string }, ctx: ActionContext) {
  ctx.user()
  const next = await changeRoles(input.accountId, (s) => ({
    ...s,
    name: input.name ?? s.name,
    roles: s.roles.includes(input.role) ? s.roles : [...s.roles, input.role]
  }))
  return view(next)
}

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
  return view(next)
}

export async function setNurseCredentials(
  input: { accountId: string; title: NurseTitle; years: number; licenseNumber: string },
  ctx: ActionContext
) {
  ctx.user()
  const next = await changeRoles(input.accountId, (s) => {
    if (!s.roles.includes('nurse')) throw new AppError('CONFLICT', '请先授予护士角色，再填写执业信息')
    return { ...s, nurse: { title: input.title, years: input.years, licenseNumber: input.licenseNumber } }
  })
  return view(next)
}
