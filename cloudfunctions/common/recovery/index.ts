/**
 * The recovery pass: finishes or undoes what a call killed mid-way left behind, and derives the
 * counters again. It runs at local host start (nothing is in flight then: `graceMs` 0) and as the
 * `recover` timer in the cloud (other calls are in flight: only what is older than a lease is
 * touched). Every step is conditional on what it read, so running it again, or alongside live
 * traffic, changes nothing that is right.
 */
import { iso } from '../clock'
import { db } from '../db'
import { settleStuckSends } from '../outbox'
import { getSettings } from '../settings'
import { repairPatientHolds, repairPlaces } from './booking'
import { repairProfileCounts } from './profiles'

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

export async function runRecovery(opts: { graceMs?: number } = {}): Promise<Record<string, number>> {
  const graceMs = opts.graceMs ?? (await getSettings()).requests.leaseSeconds * 1000
  return {
    claims: await dropExpiredClaims(graceMs),
    places: await repairPlaces(graceMs),
    patientHolds: await repairPatientHolds(graceMs),
    profileCounts: await repairProfileCounts(graceMs),
    stuckSends: await settleStuckSends(graceMs)
  }
}
