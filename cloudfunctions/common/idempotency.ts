/**
 * Safe retries: the same caller sending the same requestId to the same action gets the first
 * reply and causes no second write. A claim document is written before the action runs, so two
 * copies of a request racing each other cannot both run.
 *
 * A claim is a lease, not a lock: a call that dies mid-action (timeout, recycled instance, killed
 * host) leaves its claim `pending`, and once the lease (settings `requests.leaseSeconds`, longer
 * than any function's timeout) has run out a retry takes the claim over and runs the action again.
 * That second run is safe only because every action's own writes are (conditional updates, unique
 * keys); the lease just stops a dead call from refusing every retry forever.
 *
 * A finished claim keeps its reply for settings `requests.keepReplyDays`, then the recovery pass
 * deletes it (`sweepOldReplies`): replies can name patients, and the collection would grow forever.
 * A retry arriving later runs the action again, which every action with a requestId survives (its
 * own writes refuse or replay a second run, as after a lease takeover or `forgetReplies`); and a
 * client keeps a requestId only while its page stays open on a lost reply, minutes not days.
 */
import { createHash } from 'node:crypto'
import type { ActionResult } from '../../types/contract'
import { db } from './db'
import { AppError, isDuplicateKeyError } from './errors'
import { iso, now } from './clock'
import { getSettings } from './settings'

interface RequestDoc {
  _id: string
  status: 'pending' | 'done'
  /**
   * The reply as JSON text: a stored object would have its keys read as field paths, so a field
   * error keyed `measure.systolic` came back nested (`{ measure: { systolic } }`) and a successful
   * reply holding such a key could not be stored at all.
   */
  replyJson?: string
  /** Replies stored before replyJson, still replayed as they are. */
  reply?: ActionResult<unknown>
  /**
   * While pending, when the current holder took the claim: its lease runs from here. Once done, when
   * it finished: its reply is kept for `keepReplyDays` from here (claims settled before that field
   * kept their start, at most a lease earlier).
   */
  at: string
  /** Bumped by each takeover, so that exactly one retry wins an expired claim. */
  attempt?: number
  /** Whose call it is, so that closing the account forgets its replies (claims before it have none). */
  accountId?: string
}

const WAIT_STEPS_MS = [50, 100, 200, 400, 800, 1500]

function claimId(caller: string, fn: string, action: string, requestId: string): string {
  return createHash('sha256').update(`${caller}\n${fn}\n${action}\n${requestId}`).digest('hex').slice(0, 40)
}

export type Claim = { kind: 'new'; id: string; attempt: number } | { kind: 'replay'; reply: ActionResult<unknown> }

export async function claimRequest(caller: string, fn: string, action: string, requestId: string): Promise<Claim> {
  const id = claimId(caller, fn, action, requestId)
  try {
    await db().collection('requests').add({ _id: id, status: 'pending', at: iso(), attempt: 0, accountId: caller })
    return { kind: 'new', id, attempt: 0 }
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
  // Another copy of this request is running, has finished, or died: wait briefly for its reply.
  const leaseMs = (await getSettings()).requests.leaseSeconds * 1000
  for (const ms of [0, ...WAIT_STEPS_MS]) {
    if (ms) await new Promise((r) => setTimeout(r, ms))
    const res = await db().collection('requests').doc(id).get()
    const doc = res.data[0] as RequestDoc | undefined
    if (!doc) return claimRequest(caller, fn, action, requestId)
    const reply = doc.status === 'done' ? storedReply(doc) : undefined
    if (reply) return { kind: 'replay', reply }
    if (now().getTime() - new Date(doc.at).getTime() >= leaseMs) {
      const taken = await takeOver(doc)
      if (taken !== undefined) return { kind: 'new', id, attempt: taken }
    }
  }
  throw new AppError('CONFLICT', '同一请求正在处理中，请稍后查看结果')
}

function storedReply(doc: RequestDoc): ActionResult<unknown> | undefined {
  if (doc.replyJson !== undefined) return JSON.parse(doc.replyJson) as ActionResult<unknown>
  return doc.reply
}

/** Takes an expired claim; of several retries racing for it, only the first update matches. */
async function takeOver(doc: RequestDoc): Promise<number | undefined> {
  const attempt = doc.attempt ?? 0
  const res = await db()
    .collection('requests')
    .where({ _id: doc._id, status: 'pending', at: doc.at })
    .update({ at: iso(), attempt: attempt + 1 })
  return res.updated ? attempt + 1 : undefined
}

/** Stores the reply, unless a retry took the claim over meanwhile: then its reply is the one kept. */
export async function settleRequest(claim: { id: string; attempt: number }, reply: ActionResult<unknown>): Promise<void> {
  await db()
    .collection('requests')
    .where({ _id: claim.id, status: 'pending', attempt: claim.attempt })
    .update({ status: 'done', replyJson: JSON.stringify(reply), at: iso() })
}

/** An unexpected failure leaves nothing behind, so a retry may run the action again. */
export async function releaseRequest(claim: { id: string; attempt: number }): Promise<void> {
  await db().collection('requests').where({ _id: claim.id, status: 'pending', attempt: claim.attempt }).remove()
}

/**
 * A closing account's kept replies, which can name its family, are forgotten: its own claims, and any
 * other reply holding one of `texts` (a staff call about the family, a claim older than the
 * accountId field). A retry of one of those calls then runs the action again, safe as after a lease.
 */
export async function forgetReplies(accountId: string, texts: string[]): Promise<number> {
  const mine = await db().collection('requests').where({ accountId }).remove()
  const words = [...new Set(texts.filter((t) => t.length >= 2))].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (!words.length) return mine.deleted ?? 0
  const naming = await db()
    .collection('requests')
    .where({ replyJson: db().RegExp({ regexp: words.join('|') }) })
    .remove()
  return (mine.deleted ?? 0) + (naming.deleted ?? 0)
}

/** How many finished claims one recovery pass deletes at most: `batches` reads and removes of `batch`. */
export const SWEEP = { batch: 100, batches: 5 }

/**
 * Deletes finished claims whose reply was saved before `before`, oldest first, through the
 * `status_at` index: at most `SWEEP.batches` batches, so a pass stays cheap; a backlog (the first
 * pass after this began, a retention just shortened) is finished by the passes after. Pending claims
 * are never touched here (the recovery pass drops those past their lease).
 */
export async function sweepOldReplies(before: string, limits = SWEEP): Promise<number> {
  const _ = db().command
  const old = { status: 'done', at: _.lte(before) }
  let deleted = 0
  for (let i = 0; i < limits.batches; i++) {
    const res = await db().collection('requests').where(old).orderBy('at', 'asc').limit(limits.batch).field({ _id: true }).get()
    const ids = (res.data as Array<Pick<RequestDoc, '_id'>>).map((d) => d._id)
    if (!ids.length) break
    const gone = await db()
      .collection('requests')
      .where({ ...old, _id: _.in(ids) })
      .remove()
    deleted += gone.deleted ?? 0
    if (ids.length < limits.batch) break
  }
  return deleted
}
