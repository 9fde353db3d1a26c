/**
 * The only way a status changes: checks the workflow table and the actor's role, moves the
 * document only if it is still in the status the actor saw, and writes the event, in one
 * transaction. Two people moving the same order at once: one wins, the other gets CONFLICT.
 * A collection whose statuses are counted (status-counts.ts) has its count moved in it too.
 */
import { canMove, type Workflow } from '../../types/workflow'
import { firstDoc, inTransaction, type Transaction } from './db'
import { AppError } from './errors'
import { iso } from './clock'
import { countMoveIn } from './status-counts'

export interface Actor {
  accountId: string
  roles: readonly string[]
  /**
   * accountId:requestId of the call making the move. It is stored on the document with the move,
   * so a retry of a call whose move committed but whose reply was lost (a timeout, a killed host, a
   * lease takeover) gets the moved document back instead of "状态已变为…".
   */
  requestKey?: string
}

/** The actor of a user's call, carrying its request key when the call has a requestId. */
export function actorFor(user: { accountId: string; roles: readonly string[] }, requestId: string | undefined): Actor {
  return { accountId: user.accountId, roles: user.roles, ...(requestId ? { requestKey: `${user.accountId}:${requestId}` } : {}) }
}

/** The document's last move was made by this very request: its retry answers with the document as it is. */
export function movedByThisRequest(doc: object, actor: Actor): boolean {
  return !!actor.requestKey && (doc as { lastMoveKey?: string }).lastMoveKey === actor.requestKey
}

/** Timers act as `system`, which the workflow tables name for the steps only a timer takes. */
export const SYSTEM: Actor = { accountId: 'system', roles: ['system'] }

export interface StatusEvent<S extends string> {
  collection: string
  docId: string
  from: S
  to: S
  by: { accountId: string; roles: readonly string[] }
  at: string
  note?: string
  data?: Record<string, unknown>
}

export interface TransitionRequest<S extends string> {
  collection: string
  id: string
  workflow: Workflow<S>
  /** Chinese names of statuses for messages. */
  labels: Record<S, string>
  to: S
  actor: Actor
  /** The status the actor saw; if it has moved on since, the move is refused. */
  from?: S
  note?: string
  /** Extra fields this step records on the document (e.g. tracking number). */
  patch?: Record<string, unknown>
  /** Details of the step recorded on the event (machine, pack count...). */
  eventData?: Record<string, unknown>
  /**
   * Other writes that must happen with this move or not at all (a freed place, a counter), run in
   * the same transaction after the move is allowed. Transactions address documents by id only.
   */
  within?: (tx: Transaction, doc: Record<string, unknown> & { _id: string; status: S }) => Promise<void>
}

export async function transition<S extends string, D extends { status: S }>(
  req: TransitionRequest<S>
): Promise<{ doc: D & { _id: string }; event: StatusEvent<S> }> {
  const at = iso()
  return inTransaction((tx) => moveIn<S, D>(tx, req, at))
}

/**
 * The same move as `transition`, as one part of a transaction already under way (a waitlist ticket
 * promoted inside the cancellation that freed its place).
 */
export function transitionWithin<S extends string, D extends { status: S }>(
  tx: Transaction,
  req: TransitionRequest<S>
): Promise<{ doc: D & { _id: string }; event: StatusEvent<S> }> {
  return moveIn<S, D>(tx, req, iso())
}

async function moveIn<S extends string, D extends { status: S }>(
  tx: Transaction,
  req: TransitionRequest<S>,
  at: string
): Promise<{ doc: D & { _id: string }; event: StatusEvent<S> }> {
  const res = await tx.collection(req.collection).doc(req.id).get()
  const doc = firstDoc<D & { _id: string }>(res)
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这条记录')
  if (doc.status === req.to && movedByThisRequest(doc, req.actor)) {
    const by = { accountId: req.actor.accountId, roles: [...req.actor.roles] }
    return { doc, event: { collection: req.collection, docId: req.id, from: req.from ?? doc.status, to: req.to, by, at } }
  }
  const from = doc.status
  if (req.from !== undefined && from !== req.from) {
    throw new AppError('CONFLICT', `状态已变为「${req.labels[from]}」，请刷新后再操作`)
  }
  if (!req.workflow[from]?.[req.to]) {
    throw new AppError('CONFLICT', `「${req.labels[from]}」状态不能变为「${req.labels[req.to]}」`)
  }
  if (!canMove(req.workflow, from, req.to, req.actor.roles)) {
    throw new AppError('FORBIDDEN', `您没有权限把状态改为「${req.labels[req.to]}」`)
  }
  const event: StatusEvent<S> = {
    collection: req.collection,
    docId: req.id,
    from,
    to: req.to,
    by: { accountId: req.actor.accountId, roles: [...req.actor.roles] },
    at,
    ...(req.note ? { note: req.note } : {}),
    ...(req.eventData ? { data: req.eventData } : {})
  }
  const changes = {
    ...(req.patch ?? {}),
    status: req.to,
    updatedAt: at,
    ...(req.actor.requestKey ? { lastMoveKey: req.actor.requestKey } : {})
  }
  if (req.within) await req.within(tx, doc)
  await tx.collection(req.collection).doc(req.id).update(changes)
  await tx.collection('status_events').add(event)
  await countMoveIn(tx, req.collection, from, req.to)
  return { doc: { ...doc, ...changes }, event }
}
