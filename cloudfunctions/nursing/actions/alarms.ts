import type { ActionContext } from '../../common/router'
import { alarmView } from '../views'
import { alarmsCollection } from '../reads'

export async function alarms(input: { open?: boolean }, ctx: ActionContext) {
  ctx.user()
  const where = input.open ? { status: 'open' } : {}
  const res = await alarmsCollection().where(where).orderBy('raisedAt', 'desc').limit(100).get()
  return { alarms: res.data.map(alarmView) }
}
