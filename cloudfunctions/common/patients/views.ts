/** How a stored profile is shown: to its family in full but the ID number, to staff masked. */
import type { PatientMatch, ProfileView } from '../../../types/account'
import { maskName, maskPhone } from '../../../types/idcard'
import { ageOn } from '../clock'
import { decryptField } from '../crypto'
import type { ProfileDoc } from './docs'

export function profileView(p: ProfileDoc): ProfileView {
  return {
    id: p._id,
    name: p.name,
    idNumberMasked: p.idNumberMasked,
    sex: p.sex,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate),
    phone: p.phone,
    relation: p.relation
  }
}

/** What staff see of a patient before a reason opens more: enough to confirm who it is. */
export function patientMatch(p: ProfileDoc): PatientMatch {
  return {
    id: p._id,
    accountId: p.accountId,
    nameMasked: maskName(p.name),
    sex: p.sex,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate),
    phoneMasked: maskPhone(p.phone),
    idNumberMasked: p.idNumberMasked
  }
}

export function revealIdNumber(p: ProfileDoc): string {
  return decryptField(p.idNumberEnc)
}
