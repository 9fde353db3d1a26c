import type { AddReadingInput } from '../../../types/records'
import { now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { anyProfile } from '../reads'
import { saveReading } from '../readings'
import { savedReply } from '../views'

/** A nurse records what she measured on a visit (source nurse); the rules run as for the family's. */
export async function nurseReading(input: AddReadingInput & { visitId?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const profile = await anyProfile(input.profileId)
  const rules = (await getSettings()).records
  const saved = await saveReading(
    {
      profile,
      measure: input.measure,
      measuredAt: input.measuredAt,
      source: 'nurse',
      enteredBy: accountId,
      key: `nurse:${accountId}:${ctx.requestId}`,
      ...(input.note ? { note: input.note } : {}),
      ...(input.visitId ? { visitId: input.visitId } : {})
    },
    rules,
    now()
  )
  await ctx.audit({ target: `profile:${profile._id}`, detail: { reading: saved.doc._id } })
  return savedReply(saved)
}
