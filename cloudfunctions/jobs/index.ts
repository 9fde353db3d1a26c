import { jobsActions } from '../../types/jobs'
import { createFunction } from '../common/router'
import { deliverOutbox } from './actions/deliver-outbox'
import { markNoShows } from './actions/mark-no-shows'
import { remindDayBefore } from './actions/remind-day-before'

/** Timer triggers only (see `timerTriggers` in ../registry.ts and cloudbaserc.json). */
export const fn = createFunction('jobs', jobsActions, { markNoShows, remindDayBefore, deliverOutbox })

export const main = fn.main
