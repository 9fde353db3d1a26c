/**
 * Loading with ownership. Another family's request, or a visit assigned to another nurse, is
 * NOT_FOUND, never FORBIDDEN: there is nothing to learn from probing ids. Profiles come from the
 * patient kernel (common/patients) and saved addresses from common/addresses.
 */
import type { NursingStatus } from '../../types/nursing'
import { db } from '../common/db'
import { AppError, isDuplicateKeyError } from '../common/errors'
import type { StatusEvent } from '../common/transition'
import { collection } from '../common/typed'
import {
  ALARMS,
  COUNTERS,
  EVENTS,
  ITEMS,
  NURSES,
  REQUESTS,
  STAFF,
  type AlarmDoc,
  type ItemDoc,
  type NurseDoc,
  type RequestDoc,
  type StaffDoc
} from './docs'

const NOT_FOUND = '没有找到这条上门护理申请'

async function one<T extends { _id: string }>(name: string, where: Record<string, unknown>, message: string): Promise<T> {
  const doc = (await collection<T>(name).where(where).limit(1).get()).data[0]
  if (!doc) throw new AppError('NOT_FOUND', message)
  return doc
}

export const ownRequest = (accountId: string, id: string) => one<RequestDoc>(REQUESTS, { _id: id, accountId }, NOT_FOUND)
export const anyRequest = (id: string) => one<RequestDoc>(REQUESTS, { _id: id }, NOT_FOUND)
/** A visit assigned to this nurse (now or, for the record, when it was done). */
export const ownVisit = (nurseAccountId: string, id: string) => one<RequestDoc>(REQUESTS, { _id: id, nurseAccountId }, NOT_FOUND)

export const anyAlarm = (id: string) => one<AlarmDoc>(ALARMS, { _id: id }, '没有找到这条警报')

export const requests = () => collection<RequestDoc>(REQUESTS)
export const alarmsCollection = () => collection<AlarmDoc>(ALARMS)

export async function itemsByCode(codes: readonly string[]): Promise<Map<string, ItemDoc>> {
  if (!codes.length) return new Map()
  const res = await collection<ItemDoc>(ITEMS)
    .where({ _id: db().command.in([...codes]) })
    .limit(100)
    .get()
  return new Map(res.data.map((i) => [i.code, i]))
}

export async function activeItems(): Promise<ItemDoc[]> {
  return (await collection<ItemDoc>(ITEMS).where({ active: true }).orderBy('order', 'asc').limit(100).get()).data
}

export async function staffOf(accountId: string): Promise<StaffDoc | undefined> {
  return (await collection<StaffDoc>(STAFF).where({ _id: accountId }).limit(1).get()).data[0]
}

/** Everyone holding a role (staff is small: a county hospital's nurses and dispatchers). */
export async function staffWithRole(role: string): Promise<StaffDoc[]> {
  return (await collection<StaffDoc>(STAFF).where({ roles: role }).limit(1000).get()).data
}

export async function nurseDocs(ids: readonly string[]): Promise<Map<string, NurseDoc>> {
  if (!ids.length) return new Map()
  const res = await collection<NurseDoc>(NURSES)
    .where({ _id: db().command.in([...ids]) })
    .limit(1000)
    .get()
  return new Map(res.data.map((n) => [n._id, n]))
}

export async function staffNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = Array.from(new Set(ids))
  if (!unique.length) return new Map()
  const res = await collection<StaffDoc>(STAFF)
    .where({ _id: db().command.in(unique) })
    .limit(1000)
    .get()
  return new Map(res.data.map((s) => [s._id, s.name]))
}

export type RequestEvent = StatusEvent<NursingStatus>

export async function eventsOf(requestId: string): Promise<RequestEvent[]> {
  const res = await collection<RequestEvent & { _id: string }>(EVENTS)
    .where({ docId: requestId, collection: REQUESTS })
    .orderBy('at', 'asc')
    .limit(100)
    .get()
  return res.data
}

/** The next number of a daily sequence. Gaps are fine; repeats are not. */
export async function nextSequence(key: string): Promise<number> {
  const _ = db().command
  const counters = collection<{ _id: string; n: number }>(COUNTERS)
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await counters.where({ _id: key }).updateAndReturn({ n: _.inc(1) })
    if (res.doc) return res.doc.n
    try {
      await counters.add({ _id: key, n: 1 })
      return 1
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err
    }
  }
  throw new Error(`counter ${key} kept changing`)
}
