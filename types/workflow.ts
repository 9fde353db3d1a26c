/**
 * Workflows as tables: for each status, the statuses it may move to and who may move it.
 * The server's `transition` is the only way a status changes; the app reads the same table to
 * decide which buttons a person sees.
 */
import type { Caller } from './contract'

export type Workflow<S extends string> = { readonly [From in S]: Partial<Readonly<Record<S, readonly Caller[]>>> }

export function defineWorkflow<S extends string>(table: Workflow<S>): Workflow<S> {
  return table
}

export function canMove<S extends string>(table: Workflow<S>, from: S, to: S, roles: readonly string[]): boolean {
  const who = table[from]?.[to]
  return !!who && who.some((r) => roles.includes(r))
}

export function nextSteps<S extends string>(table: Workflow<S>, from: S, roles: readonly string[]): S[] {
  const row = table[from] ?? {}
  return (Object.keys(row) as S[]).filter((to) => canMove(table, from, to, roles))
}
