/**
 * Loading with ownership. Another family's profile is NOT_FOUND, never FORBIDDEN. Staff (doctor,
 * nurse) reach any active profile, and the read is audited. Profiles are read from the shared
 * `profiles` collection directly until the shared patient kernel replaces this.
 */
import { db } from '../common/db'
import { fail } from '../common/errors'
import type { ActionContext } from '../common/router'
import { ENROLMENTS, PROFILES, TASKS, type EnrolmentDoc, type TaskDoc } from './docs'

export interface PatientDoc {
  _id: string
  accountId: string
  name: string
  sex: 'male' | 'female'
  birthDate: string
  phone: string
  status: 'active' | 'removed'
}

const STAFF = ['doctor', 'nurse']

export async function ownProfile(accountId: string, id: string): Promise<PatientDoc> {
  const res = await db().collection(PROFILES).where({ _id: id, accountId, status: 'active' }).get()
  const p = res.data[0] as PatientDoc | undefined
  if (!p) throw fail.notFound('没有找到这位就诊人')
  return p
}

export async function anyProfile(id: string): Promise<PatientDoc> {
  const res = await db().collection(PROFILES).where({ _id: id, status: 'active' }).get()
  const p = res.data[0] as PatientDoc | undefined
  if (!p) throw fail.notFound('没有找到这位就诊人')
  return p
}

export function isStaff(ctx: ActionContext): boolean {
  return ctx.user().roles.some((r) => STAFF.includes(r))
}

/** The family's own profile, or for staff any profile with the read written to the audit log. */
export async function profileFor(ctx: ActionContext, id: string): Promise<PatientDoc> {
  const user = ctx.user()
  if (!isStaff(ctx)) return ownProfile(user.accountId, id)
  const p = await anyProfile(id)
  if (p.accountId !== user.accountId) await ctx.audit({ target: `profile:${id}` })
  return p
}

export async function anyTask(id: string): Promise<TaskDoc> {
  const res = await db().collection(TASKS).where({ _id: id }).get()
  const t = res.data[0] as TaskDoc | undefined
  if (!t) throw fail.notFound('没有找到这条随访任务')
  return t
}

export async function enrolmentsOf(profileIds: string[]): Promise<EnrolmentDoc[]> {
  if (!profileIds.length) return []
  const _ = db().command
  const res = await db()
    .collection(ENROLMENTS)
    .where({ profileId: _.in(profileIds), status: 'active' })
    .limit(100)
    .get()
  return res.data as EnrolmentDoc[]
}

export async function profilesByIds(ids: string[]): Promise<Map<string, PatientDoc>> {
  if (!ids.length) return new Map()
  const _ = db().command
  const res = await db()
    .collection(PROFILES)
    .where({ _id: _.in([...new Set(ids)]) })
    .limit(100)
    .get()
  return new Map((res.data as PatientDoc[]).map((p) => [p._id, p]))
}
