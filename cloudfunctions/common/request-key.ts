/**
 * Ids that come from the request: a retry of a call whose first run inserted its document but
 * never answered (a timeout, a killed host, a lease takeover) finds that document by id and
 * answers with it, instead of inserting a second one or refusing a duplicate of itself.
 */
import { createHash } from 'node:crypto'

export function requestDocId(prefix: string, accountId: string, requestId: string | undefined): string | undefined {
  if (!requestId) return undefined
  return `${prefix}_${createHash('sha256').update(`${accountId}\n${requestId}`).digest('hex').slice(0, 28)}`
}
