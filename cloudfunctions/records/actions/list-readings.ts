import { READING_UNITS } from '../../../types/records'
import { chartBands, cstDayStart, addDays, cstDay, type ReadingKind } from '../../../types/records-rules'
import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { READINGS, type ReadingDoc } from '../docs'
import { enrolmentsOf, profileFor } from '../reads'
import { flagOf, patientContext, readingView } from '../views'

const MAX_POINTS = 1000

/**
 * One kind over the last 7, 30 or 90 China days, oldest first, for a trend chart and its table.
 * The query is bounded by the (profileId, kind, measuredAt) index, so its cost follows the
 * period's readings, not the patient's whole history.
 */
export async function listReadings(input: { profileId: string; kind: ReadingKind; days: 7 | 30 | 90 }, ctx: ActionContext) {
  const p = await profileFor(ctx, input.profileId)
  const at = now()
  const [rules, enrolments] = await Promise.all([getSettings().then((s) => s.records), enrolmentsOf([p._id])])
  const since = cstDayStart(addDays(cstDay(at), -(input.days - 1)))
  const _ = db().command
  const res = await db()
    .collection(READINGS)
    .where({ profileId: p._id, kind: input.kind, measuredAt: _.gte(since) })
    .orderBy('measuredAt', 'asc')
    .limit(MAX_POINTS)
    .get()
  const pc = patientContext(p, enrolments, at)
  return {
    kind: input.kind,
    unit: READING_UNITS[input.kind].unit,
    bands: chartBands(input.kind, pc, rules),
    readings: (res.data as ReadingDoc[]).map((r) => readingView(r, flagOf(r, pc, rules)))
  }
}
