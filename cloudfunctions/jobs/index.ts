import { jobsActions } from '../../types/jobs'
import { createFunction } from '../common/router'
import { deliverOutbox } from './actions/deliver-outbox'
import { recover } from './actions/recover'

/** Timer triggers only (see `timerTriggers` in ../registry.ts and cloudbaserc.json). */
export const fn = createFunction('jobs', jobsActions, { deliverOutbox, recover })

export const main = fn.main
