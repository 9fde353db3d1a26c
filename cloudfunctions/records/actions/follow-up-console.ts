import { cstDay } from '../../../types/records-rules'
import { now } from '../../common/clock'
import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { TASKS, type TaskDoc } from '../docs'
import { loadTaskContext, shortcutsOf, taskViewIn } from '../tasks'
import { patientSummary } from '../views'

const PAGE = 20

/**
 * The follow-up doctor's console: open tasks, soonest due first ("due" is today or earlier,
 * "overdue" before today), each with its reason, the readings behind it and what the app needs to
 * book the patient an expert or request a nursing visit.
 */
export async function followUpConsole(input: { filter: 'due' | 'overdue' | 'all'; offset?: number }, ctx: ActionContext) {
  const { roles } = ctx.user()
  const at = now()
  const today = cstDay(at)
  const _ = db().command
  const tasks = () => db().collection(TASKS)
  const where = {
    all: { status: 'open' },
    due: { status: 'open', dueDate: _.lte(today) },
    overdue: { status: 'open', dueDate: _.lt(today) }
  }
  const [page, due, overdue, all, settings] = await Promise.all([
    tasks()
      .where(where[input.filter])
      .orderBy('dueDate', 'asc')
      .skip(input.offset ?? 0)
      .limit(PAGE + 1)
      .get(),
    tasks().where(where.due).count(),
    tasks().where(where.overdue).count(),
    tasks().where(where.all).count(),
    getSettings()
  ])
  const docs = (page.data as TaskDoc[]).slice(0, PAGE)
  const c = await loadTaskContext(docs)
  const names = new Map(settings.records.programmes.map((g) => [g.code, g.name]))
  return {
    tasks: docs.flatMap((t) => {
      const p = c.profiles.get(t.profileId)
      if (!p) return []
      return [
        {
          ...taskViewIn(t, c, roles, at, settings.records),
          patient: patientSummary(p, at),
          programmes: c.enrolments.filter((e) => e.profileId === p._id).map((e) => names.get(e.programme) ?? e.programme),
          shortcuts: shortcutsOf(t)
        }
      ]
    }),
    counts: { due: due.total as number, overdue: overdue.total as number, all: all.total as number },
    hasMore: page.data.length > PAGE
  }
}
