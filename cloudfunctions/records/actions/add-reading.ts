import type { AddReadingInput } from '../../../types/records'
import { now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { ownProfile } from '../reads'
import { saveReading } from '../readings'
import { savedReply } from '../views'

/** A family enters a reading for one of their profiles; the flag and its advice come back at once. */
export async function addReading(input: AddReadingInput, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const profile = await ownProfile(accountId, input.profileId)
  const rules = (await getSettings()).records
  const saved = await saveReading(
    {
      profile,
      measure: input.measure,
      measuredAt: input.measuredAt,
      source: 'self',
      enteredBy: accountId,
      key: `self:${accountId}:${ctx.requestId}`,
      ...(input.note ? { note: input.note } : {})
    },
    rules,
    now()
  )
  return savedReply(saved)
}
