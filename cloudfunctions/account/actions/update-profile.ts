import { iso } from '../../common/clock'
import { isDuplicateKeyError } from '../../common/errors'
import {
  duplicateProfile,
  identityFields,
  ownProfile,
  PROFILES,
  profileView,
  revealIdNumber,
  type ProfileDoc,
  type ProfileInput
} from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { collection } from '../../common/typed'
import { ensureSingleSelf } from '../self'

export async function updateProfile(input: Partial<ProfileInput> & { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const doc = await ownProfile(accountId, input.id)
  if (input.relation === 'self' && doc.relation !== 'self') await ensureSingleSelf(accountId, doc._id)
  const changes: Partial<ProfileDoc> = { updatedAt: iso() }
  if (input.name !== undefined) changes.name = input.name
  if (input.phone !== undefined) changes.phone = input.phone
  if (input.relation !== undefined) changes.relation = input.relation
  if (input.idNumber !== undefined && input.idNumber !== revealIdNumber(doc))
    Object.assign(changes, identityFields(accountId, input.idNumber))
  try {
    await collection<ProfileDoc>(PROFILES).where({ _id: doc._id, accountId, status: 'active' }).update(changes)
  } catch (err) {
    if (isDuplicateKeyError(err)) throw duplicateProfile()
    throw err
  }
  return profileView({ ...doc, ...changes })
}
