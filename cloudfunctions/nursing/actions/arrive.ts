import { LOCATION_UNAVAILABLE, type LocationInput, type NursingStatus } from '../../../types/nursing'
import { identityMatches } from '../../../types/nursing-rules'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { locationDoc, nurseStep } from '../visits'

/** 到达: check-in with the location, and the patient's identity checked at the door (last four of the ID number). */
export async function arrive(
  input: { id: string; from?: NursingStatus; location: LocationInput | null; idLastFour: string },
  ctx: ActionContext
) {
  const at = input.location ? locationDoc(input.location) : null
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'en_route' }, 'arrived', (doc) => {
    if (!identityMatches(doc.patientIdMasked, input.idLastFour)) {
      throw new AppError('INVALID_INPUT', '身份证号后四位与就诊人不符，请核对身份', { idLastFour: '与就诊人不符' })
    }
    return at
      ? { patch: { locations: { ...doc.locations, arrived: at, last: at } }, eventData: { location: at } }
      : { note: LOCATION_UNAVAILABLE, eventData: { location: null } }
  })
}
