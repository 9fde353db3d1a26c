import { HEALTH_DATA_CONSENT_VERSION, type Relation } from '../../../types/account'
import { iso } from '../../common/clock'
import { AppError } from '../../common/errors'
import { createProfile, ensureHotlineAccount, patientMatch, profileOfPerson, type ProfileDoc } from '../../common/patients'
import type { ActionContext } from '../../common/router'

interface Input {
  phone: string
  name: string
  idNumber: string
  relation: Relation
  consent: true
}

function view(p: ProfileDoc, created: boolean) {
  const { nameMasked, phoneMasked, idNumberMasked, age } = patientMatch(p)
  return { id: p._id, accountId: p.accountId, name: p.name, nameMasked, phoneMasked, idNumberMasked, age, created }
}

export async function hotlinePatient(input: Input, ctx: ActionContext) {
  const staff = ctx.user()
  const at = iso()
  const accountId = await ensureHotlineAccount(input.phone, staff.accountId, at)
  const found = await profileOfPerson(accountId, input.idNumber)
  if (found) return view(found, false)
  try {
    const doc = await createProfile(accountId, input, {
      full: (max) => `这个手机号下已有${max}位就诊人，请核对后选择已有的就诊人`,
      requestKey: ctx.requestId ? `${staff.accountId}:${ctx.requestId}` : undefined,
      extra: {
        createdBy: staff.accountId,
        createdVia: 'hotline',
        consent: { healthData: HEALTH_DATA_CONSENT_VERSION, at, takenBy: staff.accountId, method: 'phone' }
      }
    })
    await ctx.audit({ target: `profile:${doc._id}`, detail: { created: true, via: 'hotline' } })
    return view(doc, true)
  } catch (err) {
    // The same caller created at the same moment by another request: that profile is theirs.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
    const again = await profileOfPerson(accountId, input.idNumber)
    if (!again) throw err
    return view(again, false)
  }
}
