import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { PROFILES } from '../docs'
import { enrolmentsOf, type PatientDoc } from '../reads'
import { patientSummary } from '../views'

/** The doctor finds a patient by the phone on their profile (to enrol them); the search is audited. */
export async function findPatients(input: { phone: string }, ctx: ActionContext) {
  ctx.user()
  const res = await db().collection(PROFILES).where({ phone: input.phone, status: 'active' }).limit(20).get()
  const found = res.data as PatientDoc[]
  const enrolments = await enrolmentsOf(found.map((p) => p._id))
  await ctx.audit({ target: `phone:${input.phone.slice(0, 3)}****${input.phone.slice(-4)}`, detail: { found: found.length } })
  const at = now()
  return {
    patients: found.map((p) => ({
      ...patientSummary(p, at),
      enrolments: enrolments.filter((e) => e.profileId === p._id).map((e) => e.programme)
    }))
  }
}
