import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { addressKey, rememberAddress, type AddressFields } from '../addresses'
import { ADDRESSES, addressView, type AddressDoc } from '../model'

const SAME_ADDRESS = '这个联系人和地址已经保存过了'

/** Adds an address, or corrects a saved one of the account's own. */
export async function saveAddress(input: AddressFields & { id?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const { id, ...fields } = input
  if (!id) return addressView(await rememberAddress(accountId, fields))
  const found = await db().collection(ADDRESSES).where({ _id: id, accountId }).get()
  const doc = found.data[0] as AddressDoc | undefined
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这个地址')
  const changes = { ...fields, uniqueKey: addressKey(accountId, fields), lastUsedAt: iso() }
  try {
    await db().collection(ADDRESSES).where({ _id: id, accountId }).update(changes)
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', SAME_ADDRESS, { detail: SAME_ADDRESS })
    throw err
  }
  return addressView({ ...doc, ...changes })
}
