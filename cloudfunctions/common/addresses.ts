/**
 * The contacts and addresses an account has used: left once, offered again next time. Shared by
 * every service that sends something or someone to a home (decoction parcels, later home nursing).
 */
import { createHash } from 'node:crypto'
import type { AddressView } from '../../types/decoction'
import { iso } from './clock'
import { db } from './db'
import { AppError, isDuplicateKeyError } from './errors'
import { getSettings } from './settings'
import { collection } from './typed'

export const ADDRESSES = 'addresses'

export interface AddressDoc {
  _id: string
  accountId: string
  contactName: string
  contactPhone: string
  region: string
  detail: string
  /** Unique per account and content: the same address saved twice is one entry. */
  uniqueKey: string
  lastUsedAt: string
  createdAt: string
}

export interface AddressFields {
  contactName: string
  contactPhone: string
  region: string
  detail: string
}

const addresses = () => collection<AddressDoc>(ADDRESSES)

export function addressKey(accountId: string, a: AddressFields): string {
  const digest = createHash('sha256').update([a.contactName, a.contactPhone, a.region, a.detail].join('\n')).digest('hex').slice(0, 24)
  return `${accountId}:${digest}`
}

export function addressView(a: AddressDoc): AddressView {
  return {
    id: a._id,
    contactName: a.contactName,
    contactPhone: a.contactPhone,
    region: a.region,
    detail: a.detail,
    lastUsedAt: a.lastUsedAt
  }
}

/** The account's saved addresses, most recently used first. */
export async function savedAddresses(accountId: string): Promise<AddressDoc[]> {
  return (await addresses().where({ accountId }).orderBy('lastUsedAt', 'desc').limit(50).get()).data
}

/** A saved address of the account's own, for a service sending someone there; another account's is NOT_FOUND. */
export async function ownAddress(accountId: string, id: string, notFound = '没有找到这个地址'): Promise<AddressDoc> {
  const doc = (await addresses().where({ _id: id, accountId }).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', notFound)
  return doc
}

/** Saves (or, if already saved, marks as just used) an address, keeping only the most recent few. */
export async function rememberAddress(accountId: string, a: AddressFields): Promise<AddressDoc> {
  const at = iso()
  const uniqueKey = addressKey(accountId, a)
  const found = (await addresses().where({ uniqueKey }).get()).data[0]
  if (found) {
    await addresses().doc(found._id).update({ lastUsedAt: at })
    return { ...found, lastUsedAt: at }
  }
  const doc: Omit<AddressDoc, '_id'> = { accountId, ...a, uniqueKey, lastUsedAt: at, createdAt: at }
  let saved: AddressDoc
  try {
    const added = await addresses().add(doc)
    saved = { ...doc, _id: added.id as string }
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
    // The same address saved at the same moment by another request: that one is ours too.
    return (await addresses().where({ uniqueKey }).get()).data[0]
  }
  await trim(accountId)
  return saved
}

const SAME_ADDRESS = '这个联系人和地址已经保存过了'

/** Corrects a saved address of the account's own (another account's is NOT_FOUND). */
export async function correctAddress(accountId: string, id: string, fields: AddressFields): Promise<AddressDoc> {
  const doc = (await addresses().where({ _id: id, accountId }).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这个地址')
  const changes = { ...fields, uniqueKey: addressKey(accountId, fields), lastUsedAt: iso() }
  try {
    await addresses().where({ _id: id, accountId }).update(changes)
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('CONFLICT', SAME_ADDRESS, { detail: SAME_ADDRESS })
    throw err
  }
  return { ...doc, ...changes }
}

export async function forgetAddress(accountId: string, id: string): Promise<void> {
  const res = await addresses().where({ _id: id, accountId }).remove()
  if (!res.deleted) throw new AppError('NOT_FOUND', '没有找到这个地址')
}

async function trim(accountId: string): Promise<void> {
  const { maxSavedAddresses } = (await getSettings()).decoction
  const res = await addresses().where({ accountId }).orderBy('lastUsedAt', 'desc').skip(maxSavedAddresses).limit(100).get()
  const stale = res.data.map((d) => d._id)
  if (stale.length)
    await addresses()
      .where({ _id: db().command.in(stale), accountId })
      .remove()
}
