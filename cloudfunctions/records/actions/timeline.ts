import { iso, now } from '../../common/clock'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { enrolmentsOf, profileFor } from '../reads'
import { timelinePage } from '../timeline'
import { patientContext } from '../views'

const PAGE = 20

/** One patient's timeline across services, newest first; the next page starts before `nextBefore`. */
export async function timeline(input: { profileId: string; before?: string; limit?: number }, ctx: ActionContext) {
  const p = await profileFor(ctx, input.profileId, { read: 'timeline' })
  const at = now()
  const [settings, enrolments] = await Promise.all([getSettings(), enrolmentsOf([p._id])])
  // The first page has no upper bound: booked visits still to come lead it.
  const before = input.before ? new Date(input.before).toISOString() : null
  return timelinePage(p, before, input.limit ?? PAGE, patientContext(p, enrolments, at), settings.records, iso(at))
}
