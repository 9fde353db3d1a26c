import type { BookingPatient } from '../../../types/booking'
import { banText, isBanned } from '../../../types/booking-rules'
import { ageOn, iso } from '../../common/clock'
import { activeProfilesOf } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { PATIENTS, type PatientStateDoc } from '../docs'
import { collection } from '../../common/typed'

/** The family's profiles with what booking allows each of them now: active count, and any ban with its end date. */
export async function myPatients(_input: unknown, ctx: ActionContext): Promise<{ patients: BookingPatient[] }> {
  const { accountId } = ctx.user()
  const rules = (await getSettings()).booking
  const nowIso = iso()
  const [profiles, states] = await Promise.all([
    activeProfilesOf(accountId),
    collection<PatientStateDoc>(PATIENTS).where({ accountId }).get()
  ])
  const byId = new Map(states.data.map((s) => [s._id, s]))
  const patients: BookingPatient[] = []
  for (const p of profiles) {
    const state = byId.get(p._id)
    // Bookings record the name and relation the state holds: keep them in step with the profile.
    if (state && (state.name !== p.name || state.relation !== p.relation)) {
      await collection<PatientStateDoc>(PATIENTS).doc(p._id).update({ name: p.name, relation: p.relation })
    }
    const banned = state && isBanned(state.bannedUntil, nowIso)
    patients.push({
      id: p._id,
      name: p.name,
      relation: p.relation,
      age: ageOn(p.birthDate),
      activeCount: state?.activeCount ?? 0,
      maxActive: rules.maxActivePerPatient,
      ban: banned
        ? { until: state.bannedUntil, reason: state.banReason, text: banText({ until: state.bannedUntil, reason: state.banReason }) }
        : null
    })
  }
  return { patients }
}
