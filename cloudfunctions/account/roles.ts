/**
 * Staff roles live in `staff`; the account keeps a copy so that resolving a caller is one read.
 * Both change together in one transaction.
 */
import { iso } from '../common/clock'
import { inTransaction } from '../common/db'
import { AppError } from '../common/errors'
import type { AccountDoc } from '../common/identity'
import { txDoc } from '../common/typed'
import { ACCOUNTS, STAFF, type StaffDoc } from './docs'

export async function changeRoles(accountId: string, change: (current: StaffDoc) => StaffDoc): Promise<StaffDoc> {
  return inTransaction(async (tx) => {
    const account = (await txDoc<AccountDoc>(tx, ACCOUNTS, accountId).get()).data
    if (!account) throw new AppError('NOT_FOUND', '没有找到这个账号')
    const existing = (await txDoc<StaffDoc>(tx, STAFF, accountId).get()).data
    const current: StaffDoc = existing ?? { _id: accountId, accountId, name: account.nickname, roles: [], nurse: null, updatedAt: iso() }
    const next = { ...change(current), updatedAt: iso() }
    const { _id, ...body } = next
    await txDoc<StaffDoc>(tx, STAFF, _id).set(body)
    await txDoc<AccountDoc>(tx, ACCOUNTS, accountId).update({ roles: next.roles })
    return next
  })
}
