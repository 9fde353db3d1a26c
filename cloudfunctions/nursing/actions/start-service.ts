import type { NursingStatus } from '../../../types/nursing'
import type { ActionContext } from '../../common/router'
import { nurseStep } from '../visits'

export async function startService(input: { id: string; from?: NursingStatus }, ctx: ActionContext) {
  return nurseStep(ctx, { ...input, from: input.from ?? 'arrived' }, 'in_service')
}
