/** Fixtures and role accounts for the generated authorization and fuzz suites. */
import type { Fixtures, Role } from '../../types/contract'
import type { ProfileView } from '../../types/account'
import { manifest } from '../../cloudfunctions/common/collections'
import { db } from '../../cloudfunctions/common/db'
import type { TestBackend } from './backend'
import { decoctionFixtures } from '../decoction/fixtures'
import { bookingFixtures } from '../booking/fixtures'
import { recordsFixtures } from '../records/fixtures'

/** One demo account holding exactly each role ('patient' = a family account). */
export const ROLE_ACCOUNTS: Record<Role, string> = {
  patient: 'li_mei',
  scheduler: 'scheduler',
  hotline: 'hotline',
  pharmacist: 'pharmacist',
  nurse: 'nurse',
  nursing_dispatcher: 'dispatcher',
  doctor: 'doctor',
  admin: 'admin'
}

export async function buildFixtures(b: TestBackend): Promise<Fixtures> {
  const own = await b.ok<{ profiles: ProfileView[] }>('li_mei', 'account', 'listProfiles', {})
  const other = await b.ok<{ profiles: ProfileView[] }>('zhang_wei', 'account', 'listProfiles', {})
  return {
    ownProfileId: own.profiles.find((p) => p.relation === 'parent')!.id,
    otherProfileId: other.profiles[0].id,
    staffAccountId: b.accountId('nurse'),
    patientAccountId: b.accountId('li_mei'),
    decoction: await decoctionFixtures(b),
    booking: await bookingFixtures(),
    records: await recordsFixtures(own.profiles.find((p) => p.relation === 'parent')!.id)
  }
}

/** Everything in the database but the logs that a refused call may legitimately append to. */
export async function snapshot(): Promise<string> {
  const parts: string[] = []
  for (const c of manifest.collections) {
    if (c.name === 'audit_log' || c.name === 'requests') continue
    const res = await db().collection(c.name).orderBy('_id', 'asc').limit(1000).get()
    parts.push(`${c.name}:${JSON.stringify(res.data)}`)
  }
  return parts.join('\n')
}
