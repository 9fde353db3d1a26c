import type { LocationInput, NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { locationDoc, nurseStep } from '../visits'

/** 出发: the location at departure is recorded, and the family is told the nurse is on her way. */
export async function depart(input: { id: string; from?: NursingStatus; location: LocationInput }, ctx: ActionContext) {
  const at = locationDoc(input.location)
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'accepted' }, 'en_route', (doc) => ({
    patch: { locations: { ...doc.locations, departed: at, last: at } },
    eventData: { location: at }
  }))
}
