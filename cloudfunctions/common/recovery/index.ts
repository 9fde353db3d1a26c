/**
 * The recovery pass: finishes or undoes what a call killed mid-way left behind, and derives the
 * counters again. It runs at local host start (nothing is in flight then: `graceMs` 0) and as the
 * `recover` timer in the cloud (other calls are in flight: only what is older than a lease is
 * touched). Every step is conditional on what it read, so running it again, or alongside live
 * traffic, changes nothing that is right.
 *
 * A pass costs what could be broken, not the size of the hospital: claims and sends are read by
 * status (only the unfinished ones), finished claims past their retention a bounded batch at a time
 * (oldest first, any rest on the next pass), counters only on documents stamped since the last
 * completed pass. The pass's mark (`recovery/pass`) says up to when every stamped document was
 * found right or put right; the next pass reads from a lease before it, for calls that read the
 * clock before the mark and stamped after. No mark yet, or a clock behind the mark, and the pass reads everything.
 */
import { repairStatusCounts } from '../status-counts'
import { iso } from '../clock'
import { db, firstDoc } from '../db'
import { settleStuckSends, settleStuckSms } from '../outbox'
import { sweepOldReplies } from '../idempotency'
import { getSettings } from '../settings'
import { repairPatientHolds, repairPlaces } from './booking'
import { repairProfileCounts } from './profiles'
import type { Scope } from './scope'

export const RECOVERY = 'recovery'
const MARK = 'pass'

interface PassMark {
  _id: string
  /** Every stamped document up to this instant was right or put right. */
  checkedThrough: string
  /** When the pass that wrote the mark ran. */
  passAt: string
  /** A repair met a change it could not see past an unstamped document: read everything next time. */
  full?: boolean
}

/** Request claims still `pending` after their lease: the call died, so a retry may simply run it. */
async function dropExpiredClaims(graceMs: number): Promise<number> {
  const _ = db().command
  const before = new Date(new Date(iso()).getTime() - graceMs).toISOString()
  const res = await db()
    .collection('requests')
    .where({ status: 'pending', at: _.lte(before) })
    .remove()
  return res.deleted ?? 0
}

const DAY_MS = 24 * 60 * 60 * 1000
const shift = (at: string, ms: number) => new Date(new Date(at).getTime() + ms).toISOString()

export async function runRecovery(opts: { graceMs?: number; full?: boolean } = {}): Promise<Record<string, number>> {
  const { leaseSeconds, keepReplyDays } = (await getSettings()).requests
  const leaseMs = leaseSeconds * 1000
  const graceMs = opts.graceMs ?? leaseMs
  const at = iso()
  const mark = opts.full ? undefined : firstDoc<PassMark>(await db().collection(RECOVERY).doc(MARK).get())
  const since = mark && !mark.full && mark.passAt <= at ? shift(mark.checkedThrough, -leaseMs) : undefined
  const scope: Scope = {
    graceMs,
    nowMs: new Date(at).getTime(),
    since,
    again: [],
    againAll: false
  }
  const result = {
    claims: await dropExpiredClaims(graceMs),
    oldReplies: await sweepOldReplies(shift(at, -keepReplyDays * DAY_MS)),
    places: await repairPlaces(scope),
    patientHolds: await repairPatientHolds(scope),
    profileCounts: await repairProfileCounts(scope),
    stuckSends: await settleStuckSends(graceMs),
    stuckSms: await settleStuckSms(graceMs),
    // Status counts move in each move's own transaction, so only rows written outside the workflow
    // (a seed, a hand fix) or a move racing the first count can put them off: a full pass recounts.
    statusCounts: since === undefined ? await repairStatusCounts() : 0,
    full: since === undefined ? 1 : 0
  }
  const checkedThrough = [shift(at, -graceMs), ...scope.again].sort()[0]
  await db()
    .collection(RECOVERY)
    .doc(MARK)
    .set({ checkedThrough, passAt: at, ...(scope.againAll ? { full: true } : {}) })
  return result
}
