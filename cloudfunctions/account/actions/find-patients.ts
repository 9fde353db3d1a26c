import { findActiveProfiles, patientMatch } from '../../common/patients'
import type { ActionContext } from '../../common/router'

/**
 * Staff find a patient by phone or ID number (exact match on a keyed hash, never a scan of
 * plaintext). Names and phones come back masked; every search is audited.
 */
export async function findPatients(input: { phone?: string; idNumber?: string }, ctx: ActionContext) {
  ctx.user()
  const patients = (await findActiveProfiles(input)).map(patientMatch)
  await ctx.audit({ target: 'profiles:search', detail: { by: input.idNumber ? 'idNumber' : 'phone', found: patients.length } })
  return { patients }
}
