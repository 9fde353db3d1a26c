/** Demo data written once, on the first start of an empty DATA_DIR. */
import { newProfile } from '../account/profiles'
import { iso } from '../common/clock'
import { db } from '../common/db'
import { accountIdFor, type AccountDoc } from '../common/identity'
import { HEALTH_DATA_CONSENT_VERSION } from '../../types/account'
import { DEMO_ACCOUNTS, demoOpenid } from './demo'
import { DEPARTMENTS, DOCTORS, HOSPITALS } from './seed-data'
import { seedBooking } from './seed-booking'
import { seedDecoction } from './seed-decoction'
import { seedRecords } from './seed-records'

export const SEED_VERSION = 1

export async function seedIfEmpty(): Promise<boolean> {
  const marker = await db().collection('settings').where({ _id: 'seed' }).get()
  if (marker.data.length) return false
  await seed()
  await db().collection('settings').add({ _id: 'seed', version: SEED_VERSION, at: iso() })
  return true
}

async function addAll(collection: string, docs: Array<Record<string, unknown>>): Promise<void> {
  if (docs.length) await db().collection(collection).add(docs)
}

async function seed(): Promise<void> {
  await addAll('hospitals', HOSPITALS)
  await addAll('departments', DEPARTMENTS)
  await addAll('doctors', DOCTORS)
  const at = iso()
  for (const demo of DEMO_ACCOUNTS) {
    const openid = demoOpenid(demo.key)
    const accountId = accountIdFor(openid)
    const account: AccountDoc = {
      _id: accountId,
      openid,
      nickname: demo.name,
      roles: demo.roles,
      preferences: { elderMode: false },
      healthDataConsent: demo.profiles.length ? { version: HEALTH_DATA_CONSENT_VERSION, at } : null,
      profileCount: demo.profiles.length,
      createdAt: at
    }
    await db().collection('accounts').add(account)
    if (demo.roles.length) {
      await db()
        .collection('staff')
        .add({ _id: accountId, accountId, name: demo.name, roles: demo.roles, nurse: demo.nurse ?? null, updatedAt: at })
    }
    for (const p of demo.profiles) await db().collection('profiles').add(newProfile(accountId, p))
  }
  await seedDecoction()
  await seedBooking()
  await seedRecords()
}
