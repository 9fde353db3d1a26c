import { maskName, maskPhone } from '../../../types/idcard'
import { iso } from '../../common/clock'
import { db } from '../../common/db'
import { profilesByIds } from '../../common/patients'
import type { ActionContext } from '../../common/router'
import { PATIENTS, type PatientStateDoc } from '../docs'
import { collection } from '../../common/typed'

/** Patients currently barred from booking after repeated no-shows, soonest lifted first. */
export async function listBans(_input: unknown, ctx: ActionContext) {
  ctx.user()
  const _ = db().command
  const res = await collection<PatientStateDoc>(PATIENTS)
    .where({ bannedUntil: _.gt(iso()) })
    .orderBy('bannedUntil', 'asc')
    .limit(200)
    .get()
  const states = res.data
  const ids = states.map((s) => s._id)
  const profiles = await profilesByIds(ids, 200)
  const phoneOf = new Map(profiles.map((p) => [p._id, p.phone]))
  return {
    patients: states.map((s) => ({
      profileId: s._id,
      nameMasked: maskName(s.name),
      phoneMasked: maskPhone(phoneOf.get(s._id) ?? ''),
      bannedUntil: s.bannedUntil,
      reason: s.banReason,
      noShows: s.noShows.length
    }))
  }
}
