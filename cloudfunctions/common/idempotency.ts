/**
 * Safe retries: the same caller sending the same requestId to the same action gets the first
 * reply and causes no second write. A claim document is written before the action runs, so two
 * copies of a request racing each other cannot both run.
 */
import { createHash } from 'node:crypto'
import type { ActionResult } from '../../types/contract'
import { db } from './db'
import { AppError, isDuplicateKeyError } from './errors'
import { iso } from './clock'

interface RequestDoc {
  _id: string
  status: 'pending' | 'done'
  reply?: ActionResult<unknown>
  at: string
}

const WAIT_STEPS_MS = [50, 100, 200, 400, 800, 1500]

function claimId(caller: string, fn: string, action: string, requestId: string): string {
  return createHash('sha256').update(`${caller}\n${fn}\n${action}\n${requestId}`).digest('hex').slice(0, 40)
}

export type Claim = { kind: 'new'; id: string } | { kind: 'replay'; reply: ActionResult<unknown> }

export async function claimRequest(caller: string, fn: string, action: string, requestId: string): Promise<Claim> {
  const id = claimId(caller, fn, action, requestId)
  try {
    await db().collection('requests').add({ _id: id, status: 'pending', at: iso() })
    return { kind: 'new', id }
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err
  }
  // Another copy of this request is running or has finished: wait briefly for its reply.
  for (const ms of WAIT_STEPS_MS) {
    const res = await db().collection('requests').doc(id).get()
    const doc = res.data[0] as RequestDoc | undefined
    if (!doc) return claimRequest(caller, fn, action, requestId)
    if (doc.status === 'done' && doc.reply) return { kind: 'replay', reply: doc.reply }
    await new Promise((r) => setTimeout(r, ms))
  }
  throw new AppError('CONFLICT', '同一请求正在处理中，请稍后查看结果')
}

export async function settleRequest(id: string, reply: ActionResult<unknown>): Promise<void> {
  await db().collection('requests').doc(id).update({ status: 'done', reply })
}

/** An unexpected failure leaves nothing behind, so a retry may run the action again. */
export async function releaseRequest(id: string): Promise<void> {
  await db().collection('requests').doc(id).remove()
}
