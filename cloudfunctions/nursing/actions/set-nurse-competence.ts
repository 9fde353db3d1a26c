import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { AppError } from '../../common/errors'
import { getSettings } from '../../common/settings'
import type { ActionContext } from '../../common/router'
import { NURSES, type NurseDoc } from '../docs'
import { itemsByCode, nurseDocs, staffOf } from '../reads'
import { nurseRow } from '../views'

/** 护理部 marks which items a nurse is competent for, her certificates (PICC...), work phone and photo. */
export async function setNurseCompetence(
  input: { accountId: string; items: string[]; certificates: Record<string, string>; phone?: string; photoFileId?: string | null },
  ctx: ActionContext
) {
  ctx.user()
  const staff = await staffOf(input.accountId)
  if (!staff || !staff.roles.includes('nurse')) throw new AppError('NOT_FOUND', '没有找到这位护士')
  const items = Array.from(new Set(input.items))
  const known = await itemsByCode(items)
  const unknown = items.filter((c) => !known.has(c))
  if (unknown.length) throw new AppError('INVALID_INPUT', `没有这些护理项目：${unknown.join('、')}`, { items: '项目不存在' })
  const current = (await nurseDocs([input.accountId])).get(input.accountId)
  const doc: Omit<NurseDoc, '_id'> = {
    items,
    certificates: input.certificates,
    phone: input.phone ?? current?.phone ?? null,
    photoFileId: input.photoFileId === undefined ? (current?.photoFileId ?? null) : input.photoFileId,
    updatedAt: iso()
  }
  await db().collection(NURSES).doc(input.accountId).set(doc)
  return nurseRow(staff, { _id: input.accountId, ...doc }, (await getSettings()).nursing)
}
