import { addDays, dateLabel } from '../../../types/booking-rules'
import { today } from '../../common/clock'
import { enqueue } from '../../common/outbox'
import { APPOINTMENTS, type AppointmentDoc } from '../docs'
import { appointmentNotice } from '../moves'
import { collection } from '../../common/typed'

/** One reminder per appointment the day before its visit (the dedupe key makes later runs no-ops). */
export async function remindDayBefore() {
  const tomorrow = addDays(today(), 1)
  const res = await collection<AppointmentDoc>(APPOINTMENTS).where({ status: 'booked', date: tomorrow }).limit(1000).get()
  let reminded = 0
  for (const a of res.data) {
    await enqueue(
      appointmentNotice(a, {
        kind: 'booking_reminder',
        title: '明日就诊提醒',
        body: `${a.patientName}明天（${dateLabel(a.date)}）${a.start}-${a.end}在${a.hospitalName}${a.departmentName}就诊，${a.doctorName}${a.doctorTitle}，第${a.queueNo}号，地点：${a.place}。请携带身份证或医保卡，提前20分钟到诊区签到。`,
        last: { thing4: a.place.slice(0, 20) },
        dedupeKey: `remind_${a._id}`
      })
    )
    reminded++
  }
  return { reminded }
}
