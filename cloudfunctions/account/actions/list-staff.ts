import type { AccountDoc } from '../../common/identity'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { collection } from '../../common/typed'
import { ACCOUNTS, STAFF, type StaffDoc } from '../docs'
import { staffView } from '../views'

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export async function listStaff(input: { keyword?: string }, ctx: ActionContext) {
  ctx.user()
  const staff = await collection<StaffDoc>(STAFF).orderBy('name', 'asc').limit(1000).get()
  const where = input.keyword ? { nickname: db().RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' }) } : {}
  const accounts = await collection<AccountDoc>(ACCOUNTS).where(where).orderBy('createdAt', 'asc').limit(100).get()
  return {
    staff: staff.data.map(staffView),
    accounts: accounts.data.map((a) => ({ id: a._id, nickname: a.nickname }))
  }
}
