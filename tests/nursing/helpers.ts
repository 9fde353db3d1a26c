/** Scenario builders for the nursing suites: a family's request, moved through 护理部's steps. */
import type { ProfileView } from '../../types/account'
import type { AddressView } from '../../types/decoction'
import type { RequestDetail, RequestView } from '../../types/nursing'
import { db } from '../../cloudfunctions/common/db'
import type { OutboxDoc } from '../../cloudfunctions/common/outbox'
import { rid, type TestBackend } from '../helpers/backend'

export async function profileId(b: TestBackend, family: string, name: string): Promise<string> {
  const { profiles } = await b.ok<{ profiles: ProfileView[] }>(family, 'account', 'listProfiles', {})
  return profiles.find((p) => p.name === name)!.id
}

export async function addressId(b: TestBackend, family: string): Promise<string> {
  const { addresses } = await b.ok<{ addresses: AddressView[] }>(family, 'decoction', 'listAddresses', {})
  return addresses[0].id
}

export async function submit(
  b: TestBackend,
  opts: { family?: string; patient?: string; items?: string[]; date: string; start?: string; requestId?: string; photos?: string[] }
): Promise<RequestView> {
  const family = opts.family ?? 'li_mei'
  const start = opts.start ?? '10:00'
  const end = `${String(Number(start.slice(0, 2)) + 2).padStart(2, '0')}:00`
  return b.ok<RequestView>(
    family,
    'nursing',
    'submitRequest',
    {
      profileId: await profileId(b, family, opts.patient ?? '李德福'),
      items: opts.items ?? ['HL02'],
      addressId: await addressId(b, family),
      date: opts.date,
      window: { start, end },
      health: { diagnosis: '肺癌化疗间歇期，PICC置管', allergies: '青霉素', mobility: 'assisted' },
      ...(opts.photos ? { photos: opts.photos } : {}),
      consent: true
    },
    opts.requestId ?? rid()
  )
}

export async function assess(b: TestBackend, id: string, risk: 'low' | 'medium' | 'high' = 'medium'): Promise<RequestDetail> {
  return b.ok<RequestDetail>('dispatcher', 'nursing', 'assessRequest', { id, decision: 'accept', risk }, rid())
}

export async function assign(b: TestBackend, id: string, nurse = 'nurse', as = 'dispatcher') {
  return b.call<RequestDetail>(as, 'nursing', 'assignNurse', { id, nurseAccountId: b.accountId(nurse) }, rid())
}

export async function outboxOf(accountId: string): Promise<OutboxDoc[]> {
  const res = await db().collection('outbox').where({ accountId }).orderBy('createdAt', 'asc').limit(1000).get()
  return res.data as OutboxDoc[]
}

/** Another demo account made a nurse (or dispatcher) by the admin, through the account function. */
export async function makeStaff(
  b: TestBackend,
  key: string,
  role: 'nurse' | 'nursing_dispatcher',
  nurse?: { title: string; years: number }
) {
  const accountId = b.accountId(key)
  await b.ok('admin', 'account', 'grantRole', { accountId, role, name: key === 'liu_yang' ? '刘洋' : key })
  if (nurse) await b.ok('admin', 'account', 'setNurseCredentials', { accountId, ...nurse, licenseNumber: '201837010001' })
  return accountId
}

export const errorCode = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code)
