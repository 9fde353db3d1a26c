import { REFUSAL_LABELS, type NursingStatus, type RefusalReason, type RiskLevel } from '../../../types/nursing'
import { RISK_ORDER } from '../../../types/nursing-rules'
import type { ActionContext } from '../../common/router'
import { moveRequest } from '../moves'
import { anyRequest } from '../reads'
import { requestDetail } from '../views'

type AssessInput = { id: string; from?: NursingStatus; note?: string } & (
  { decision: 'accept'; risk: RiskLevel } | { decision: 'reject'; reason: RefusalReason }
)

/** No visit without an assessment: accepted with a risk level, or refused with a reason the family reads. */
export async function assessRequest(input: AssessInput, ctx: ActionContext) {
  const { accountId, roles } = ctx.user()
  const doc = await anyRequest(input.id)
  const base = { id: doc._id, from: input.from ?? ('submitted' as const), as: 'nursing' as const, actor: { accountId, roles } }
  const moved =
    input.decision === 'accept'
      ? await moveRequest({
          ...base,
          to: 'assessed',
          ...(input.note ? { note: input.note } : {}),
          patch: { risk: input.risk, riskRank: RISK_ORDER[input.risk], ...(input.note ? { assessmentNote: input.note } : {}) },
          eventData: { risk: input.risk }
        })
      : await moveRequest({
          ...base,
          to: 'rejected',
          note: input.note ? `${REFUSAL_LABELS[input.reason]}（${input.note}）` : REFUSAL_LABELS[input.reason],
          patch: { rejectReason: input.reason, ...(input.note ? { assessmentNote: input.note } : {}) },
          eventData: { reason: input.reason }
        })
  return requestDetail(moved, { as: 'nursing' })
}
