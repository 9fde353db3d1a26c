import { cstDay } from '../../../types/records-rules'
import { iso, now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { ownProfile } from '../reads'
import { loadRecord } from '../record'

/** The family's copy of the whole record: plain JSON and a FHIR R4 Bundle, as one file to save and share. */
export async function exportFhir(input: { profileId: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const p = await ownProfile(accountId, input.profileId)
  const at = now()
  const { record, bundle } = await loadRecord(p, iso(at))
  return { fileName: `健康档案_${p.name}_${cstDay(at)}.json`, record, bundle }
}
