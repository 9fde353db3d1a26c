import { LOCATION_UNAVAILABLE, type LocationInput, type NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { locationDoc, nurseStep } from '../visits'

/** 出发: the location at departure is recorded, and the family is told the nurse is on her way. */
export async function depart(input: { id: string; from?: NursingStatus; location: LocationInput | null }, ctx: ActionContext) {
  const at = input.location ? locationDoc(input.location) : null
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'accepted' }, 'en_route', (doc) =>
    at
      ? { patch: { locations: { ...doc.locations, departed: at, last: at } }, eventData: { location: at } }
      : { note: LOCATION_UNAVAILABLE, eventData: { location: null } }
  )
}
