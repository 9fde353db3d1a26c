/** The contacts and addresses an account has used: left once, offered again next time. */
import { createHash } from 'node:crypto'
import { iso } from '../common/clock'
import { db } from '../common/db'
import { isDuplicateKeyError } from '../common/errors'
import { getSettings } from '../common/settings'
import { ADDRESSES, type AddressDoc } from './model'

export interface AddressFields {
  contactName: string
  contactPhone: string
  region: string
  detail: string
}

export function addressKey(accountId: string, a: AddressFields): string {
  const digest = createHash('sha256').update([a.contactName, a.contactPhone, a.region, a.detail].join('\n')).digest('hex').slice(0, 24)
  return `${accountId}:${digest}`
}

/** Saves (or, if already saved, marks as just used) an address, keeping only the most recent few. */
export async function rememberAddress(accountId: string, a: AddressFields): Promise<AddressDoc> {
  const at = iso()
  const uniqueKey = addressKey(accountId, a)
  const existing = await db().collection(ADDRESSES).where({ uniqueKey }).get()
  const found = existing.data[0] as AddressDoc | undefined
  if (found) {
    await db().collection(ADDRESSES).doc(found._id).update({ lastUsedAt: at })
    return { ...found, lastUsedAt: at }
  }
  const doc: Omit<AddressDoc, '_id'> = { accountId, ...a, uniqueKey, lastUsedAt: at, createdAt: at }
  let saved: AddressDoc
  try {
    const added = await db().collection(ADDRESSES).add(doc)
    saved = { ...doc, _id: added.id as string }
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
    // The same address saved at the same moment by another request: that one is ours too.
    const again = await db().collection(ADDRESSES).where({ uniqueKey }).get()
    return again.data[0] as AddressDoc
  }
  await trim(accountId)
  return saved
}

async function trim(accountId: string): Promise<void> {
  const { maxSavedAddresses } = (await getSettings()).decoction
  const res = await db().collection(ADDRESSES).where({ accountId }).orderBy('lastUsedAt', 'desc').skip(maxSavedAddresses).limit(100).get()
  const stale = (res.data as AddressDoc[]).map((d) => d._id)
  if (stale.length)
    await db()
      .collection(ADDRESSES)
      .where({ _id: db().command.in(stale), accountId })
      .remove()
}
