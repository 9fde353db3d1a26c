import type { NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { nurseStep } from '../visits'

/** Back to 护理部 to reassign, with the nurse's reason. */
export async function declineVisit(input: { id: string; from?: NursingStatus; reason: string }, ctx: ActionContext) {
  return nurseStep(ctx, { id: input.id, from: input.from ?? 'assigned' }, 'assessed', () => ({ note: input.reason }))
}
