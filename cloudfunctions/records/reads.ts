/**
 * Loading with ownership. Profiles come from the shared patient kernel: another family's profile is
 * NOT_FOUND, never FORBIDDEN, and staff (doctor, nurse) open one through the kernel's audited path.
 */
import { fail } from '../common/errors'
import { NO_PROFILE, ownProfile, profileForStaff, profilesByIds, type ProfileDoc } from '../common/patients'
import { activeEnrolments } from '../common/readings'
import type { ActionContext } from '../common/router'
import { collection } from '../common/typed'
import { TASKS, type EnrolmentDoc, type TaskDoc } from './docs'

const STAFF = ['doctor', 'nurse']

export function isStaff(ctx: ActionContext): boolean {
  return ctx.user().roles.some((r) => STAFF.includes(r))
}

/** The family's own profile, or for staff any profile, opened with the reason in the audit log. */
export async function profileFor(ctx: ActionContext, id: string, reason: Record<string, unknown>): Promise<ProfileDoc> {
  if (!isStaff(ctx)) return ownProfile(ctx.user().accountId, id)
  return profileForStaff(ctx, id, reason)
}

/**
 * Staff writing to a patient's record (enrolment, a nurse's or a device's readings): opened through
 * the audited path, and only while the profile is active, since nothing new is taken on a removed one.
 */
export async function activeProfileForStaff(ctx: ActionContext, id: string, reason: Record<string, unknown>): Promise<ProfileDoc> {
  const p = await profileForStaff(ctx, id, reason)
  if (p.status !== 'active') throw fail.notFound(NO_PROFILE)
  return p
}

export async function anyTask(id: string): Promise<TaskDoc> {
  const t = (await collection<TaskDoc>(TASKS).where({ _id: id }).get()).data[0]
  if (!t) throw fail.notFound('没有找到这条随访任务')
  return t
}

export const enrolmentsOf = (profileIds: string[]): Promise<EnrolmentDoc[]> => activeEnrolments(profileIds)

/** Profiles (any status) by id, keyed for the lists that name many patients. */
export async function profileMap(ids: string[]): Promise<Map<string, ProfileDoc>> {
  const found = await profilesByIds([...new Set(ids)], 100)
  return new Map(found.map((p) => [p._id, p]))
}
