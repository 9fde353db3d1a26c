import { randomUUID } from 'node:crypto'
import { LIVE_STATUSES, type LocationInput } from '../../../types/nursing'
import { iso } from '../../common/clock'
import { inTransaction } from '../../common/db'
import { AppError } from '../../common/errors'
import { enqueueIn } from '../../common/outbox'
import type { ActionContext } from '../../common/router'
import { ALARMS, REQUESTS, type AlarmDoc } from '../docs'
import { CONSOLE_PAGE } from '../moves'
import { nurseDocs, ownVisit, staffOf, staffWithRole } from '../reads'
import { alarmView } from '../views'
import { locationDoc } from '../visits'

/**
 * One tap: the alarm, the nurse's last location and a message to every dispatcher commit together,
 * so nobody is ever told of an alarm that is not on the console, or the reverse.
 */
export async function raiseAlarm(input: { id: string; location?: LocationInput; note?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const doc = await ownVisit(accountId, input.id)
  if (!LIVE_STATUSES.includes(doc.status)) throw new AppError('CONFLICT', '只有进行中的上门服务可以报警，紧急情况请直接拨打110/120')
  const [me, nurse, dispatchers] = await Promise.all([staffOf(accountId), nurseDocs([accountId]), staffWithRole('nursing_dispatcher')])
  const location = input.location ? locationDoc(input.location) : (doc.locations.last ?? null)
  const alarm: AlarmDoc = {
    _id: `alarm_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    requestId: doc._id,
    requestNo: doc.requestNo,
    patientName: doc.patientName,
    address: `${doc.address.region}${doc.address.detail}`,
    nurseAccountId: accountId,
    nurseName: me?.name ?? '',
    nursePhone: nurse.get(accountId)?.phone ?? '',
    location,
    ...(input.note ? { note: input.note } : {}),
    status: 'open',
    raisedAt: iso()
  }
  const where = location ? `，最后位置：纬度${location.latitude}，经度${location.longitude}` : '，暂无位置'
  await inTransaction(async (tx) => {
    const { _id, ...body } = alarm
    await tx.collection(ALARMS).doc(_id).set(body)
    if (location)
      await tx
        .collection(REQUESTS)
        .doc(doc._id)
        .update({ locations: { ...doc.locations, last: location } })
    for (const d of dispatchers) {
      await enqueueIn(tx, {
        accountId: d.accountId,
        kind: 'nursing_alarm',
        title: `紧急：${alarm.nurseName}护士发出警报`,
        body: `${alarm.nurseName}（${alarm.nursePhone || '无登记电话'}）在上门服务${doc.requestNo}（${alarm.address}）中发出警报${where}。${input.note ?? ''}`,
        page: `${CONSOLE_PAGE}?alarm=${alarm._id}`,
        fields: { thing1: alarm.nurseName, thing2: doc.requestNo }
      })
    }
  })
  return alarmView(alarm)
}
