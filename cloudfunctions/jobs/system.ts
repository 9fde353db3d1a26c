import type { Actor } from '../common/transition'

/** The timers act as `system`, which the workflow tables name for the steps only a timer takes. */
export const SYSTEM: Actor = { accountId: 'system', roles: ['system'] }
