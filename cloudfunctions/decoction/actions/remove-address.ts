import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { ADDRESSES } from '../model'

export async function removeAddress(input: { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await db().collection(ADDRESSES).where({ _id: input.id, accountId }).remove()
  if (!res.deleted) throw new AppError('NOT_FOUND', '没有找到这个地址')
  return { id: input.id }
}
