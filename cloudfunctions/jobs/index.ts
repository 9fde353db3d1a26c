import { jobsActions } from '../../types/jobs'
import { createFunction } from '../common/router'
import { deliverOutbox } from './actions/deliver-outbox'

/** Timer triggers only (see `timerTriggers` in ../registry.ts and cloudbaserc.json). */
export const fn = createFunction('jobs', jobsActions, { deliverOutbox })

export const main = fn.main
