/**
 * Loading with ownership. Another family's request, or a visit assigned to another nurse, is
 * NOT_FOUND, never FORBIDDEN: there is nothing to learn from probing ids.
 */
import type { NursingStatus } from '../../types/nursing'
import { db } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import type { StatusEvent } from '../common/transition'
import {
  ADDRESSES,
  ALARMS,
  COUNTERS,
  EVENTS,
  ITEMS,
  NURSES,
  PROFILES,
  REQUESTS,
  STAFF,
  type AddressDoc,
  type AlarmDoc,
  type ItemDoc,
  type NurseDoc,
  type ProfileDoc,
  type RequestDoc,
  type StaffDoc
} from './docs'

const NOT_FOUND = '没有找到这条上门护理申请'

async function one<T>(collection: string, where: Record<string, unknown>, message: string): Promise<T> {
  const res = await db().collection(collection).where(where).limit(1).get()
  const doc = res.data[0] as T | undefined
  if (!doc) throw new AppError('NOT_FOUND', message)
  return doc
}

export const ownRequest = (accountId: string, id: string) => one<RequestDoc>(REQUESTS, { _id: id, accountId }, NOT_FOUND)
export const anyRequest = (id: string) => one<RequestDoc>(REQUESTS, { _id: id }, NOT_FOUND)
/** A visit assigned to this nurse (now or, for the record, when it was done). */
export const ownVisit = (nurseAccountId: string, id: string) => one<RequestDoc>(REQUESTS, { _id: id, nurseAccountId }, NOT_FOUND)

/** The family's own active profile. The integrator switches this to the shared patient kernel. */
export const ownProfile = (accountId: string, id: string) =>
  one<ProfileDoc>(PROFILES, { _id: id, accountId, status: 'active' }, '没有找到这位就诊人')

/** A saved address of the family (the decoction service keeps them in `addresses`). */
export const ownAddress = (accountId: string, id: string) =>
  one<AddressDoc>(ADDRESSES, { _id: id, accountId }, '没有找到这个地址，请重新选择')

export const anyAlarm = (id: string) => one<AlarmDoc>(ALARMS, { _id: id }, '没有找到这条警报')

export async function itemsByCode(codes: readonly string[]): Promise<Map<string, ItemDoc>> {
  if (!codes.length) return new Map()
  const res = await db()
    .collection(ITEMS)
    .where({ _id: db().command.in([...codes]) })
    .limit(100)
    .get()
  return new Map((res.data as ItemDoc[]).map((i) => [i.code, i]))
}

export async function activeItems(): Promise<ItemDoc[]> {
  const res = await db().collection(ITEMS).where({ active: true }).orderBy('order', 'asc').limit(100).get()
  return res.data as ItemDoc[]
}

export async function staffOf(accountId: string): Promise<StaffDoc | undefined> {
  const res = await db().collection(STAFF).where({ _id: accountId }).limit(1).get()
  return res.data[0] as StaffDoc | undefined
}

/** Everyone holding a role (staff is small: a county hospital's nurses and dispatchers). */
export async function staffWithRole(role: string): Promise<StaffDoc[]> {
  const res = await db().collection(STAFF).where({ roles: role }).limit(1000).get()
  return res.data as StaffDoc[]
}

export async function nurseDocs(ids: readonly string[]): Promise<Map<string, NurseDoc>> {
  if (!ids.length) return new Map()
  const res = await db()
    .collection(NURSES)
    .where({ _id: db().command.in([...ids]) })
    .limit(1000)
    .get()
  return new Map((res.data as NurseDoc[]).map((n) => [n._id, n]))
}

export async function staffNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = Array.from(new Set(ids))
  if (!unique.length) return new Map()
  const res = await db()
    .collection(STAFF)
    .where({ _id: db().command.in(unique) })
    .limit(1000)
    .get()
  return new Map((res.data as StaffDoc[]).map((s) => [s._id, s.name]))
}

export type RequestEvent = StatusEvent<NursingStatus>

export async function eventsOf(requestId: string): Promise<RequestEvent[]> {
  const res = await db().collection(EVENTS).where({ docId: requestId, collection: REQUESTS }).orderBy('at', 'asc').limit(100).get()
  return res.data as RequestEvent[]
}

/** The next number of a daily sequence. Gaps are fine; repeats are not. */
export async function nextSequence(key: string): Promise<number> {
  const _ = db().command
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await db()
      .collection(COUNTERS)
      .where({ _id: key })
      .updateAndReturn({ n: _.inc(1) })
    if (res.doc) return (res.doc as { n: number }).n
    try {
      await db().collection(COUNTERS).add({ _id: key, n: 1 })
      return 1
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err
    }
  }
  throw new Error(`counter ${key} kept changing`)
}
