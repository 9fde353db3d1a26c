import { db } from '../../common/db'
import type { ActionContext } from '../../common/router'
import { ALARMS, type AlarmDoc } from '../docs'
import { alarmView } from '../views'

export async function alarms(input: { open?: boolean }, ctx: ActionContext) {
  ctx.user()
  const where = input.open ? { status: 'open' } : {}
  const res = await db().collection(ALARMS).where(where).orderBy('raisedAt', 'desc').limit(100).get()
  return { alarms: (res.data as AlarmDoc[]).map(alarmView) }
}
