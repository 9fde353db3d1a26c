import type { Relation } from '../../../types/account'
import { iso } from '../../common/clock'
import { db, firstDoc } from '../../common/db'
import { AppError, isDuplicateKeyError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { DUPLICATE_PROFILE, identityFields, newProfile, ownProfile, profileView, revealIdNumber, type ProfileDoc } from '../profiles'

interface ProfileInput {
  name: string
  idNumber: string
  phone: string
  relation: Relation
}

export async function listProfiles(_input: unknown, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const res = await db().collection('profiles').where({ accountId, status: 'active' }).orderBy('createdAt', 'asc').get()
  return { profiles: (res.data as ProfileDoc[]).map(profileView) }
}

export async function getProfile(input: { id: string }, ctx: ActionContext) {
  const doc = await ownProfile(ctx.user().accountId, input.id)
  return { ...profileView(doc), idNumber: revealIdNumber(doc) }
}

export async function addProfile(input: ProfileInput, ctx: ActionContext) {
  const { account } = ctx.user()
  if (!account.healthDataConsent) {
    throw new AppError('CONFLICT', '添加就诊人前，请先阅读并同意《健康信息处理知情同意书》')
  }
  if (input.relation === 'self') await ensureSingleSelf(account._id)
  const { maxProfiles } = (await getSettings()).account
  const _ = db().command
  // The counter is taken before the insert so that concurrent adds cannot pass the limit together.
  const taken = await db()
    .collection('accounts')
    .where({ _id: account._id, profileCount: _.lt(maxProfiles) })
    .update({ profileCount: _.inc(1) })
  if (!taken.updated) throw new AppError('CONFLICT', `每个账号最多添加${maxProfiles}位就诊人`)
  const doc = newProfile(account._id, input)
  try {
    const added = await db().collection('profiles').add(doc)
    return profileView({ ...doc, _id: added.id as string })
  } catch (err) {
    await db()
      .collection('accounts')
      .doc(account._id)
      .update({ profileCount: _.inc(-1) })
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', DUPLICATE_PROFILE, { idNumber: DUPLICATE_PROFILE })
    throw err
  }
}

async function ensureSingleSelf(accountId: string, exceptId?: string) {
  const res = await db().collection('profiles').where({ accountId, status: 'active', relation: 'self' }).get()
  if ((res.data as ProfileDoc[]).some((p) => p._id !== exceptId)) {
    throw new AppError('CONFLICT', '「本人」只能有一位，请选择其他关系', { relation: '「本人」只能有一位' })
  }
}

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
    await db().collection('profiles').where({ _id: doc._id, accountId, status: 'active' }).update(changes)
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', DUPLICATE_PROFILE, { idNumber: DUPLICATE_PROFILE })
    throw err
  }
  return profileView({ ...doc, ...changes })
}

/** Removed profiles leave the list but stay behind the appointments and orders that name them. */
export async function removeProfile(input: { id: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const doc = await ownProfile(accountId, input.id)
  await detachFromBooking(doc._id)
  const res = await db()
    .collection('profiles')
    .where({ _id: doc._id, accountId, status: 'active' })
    .update({ status: 'removed', uniqueKey: `removed:${doc._id}`, updatedAt: iso() })
  if (res.updated)
    await db()
      .collection('accounts')
      .doc(accountId)
      .update({ profileCount: db().command.inc(-1) })
  return { id: doc._id }
}

/**
 * A profile with appointments still to come stays until they are cancelled; otherwise its booking
 * state is marked removed, which the booking hot path checks, so nobody can book for it any more.
 */
async function detachFromBooking(profileId: string): Promise<void> {
  const detached = await db().collection('booking_patients').where({ _id: profileId, activeCount: 0 }).update({ removed: true })
  if (detached.updated) return
  const state = firstDoc<{ activeCount: number }>(await db().collection('booking_patients').doc(profileId).get())
  if (state && state.activeCount > 0) {
    throw new AppError('CONFLICT', '这位就诊人还有未就诊的预约，请先取消预约再删除')
  }
}
