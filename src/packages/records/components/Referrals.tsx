import { Text } from '@tarojs/components'
import React from 'react'
import type { ReferralView } from '../../../../types/records'
import { dateText } from '../format'
import './records.scss'

/** An expert booked from a follow-up task (随访转诊): day, time, department, expert, and where it stands. */
export function referralText(r: ReferralView): string {
  return `${dateText(r.date)} ${r.start} ${r.departmentName} ${r.doctorName}（${r.statusLabel}）`
}

/** One line per expert booked from a task, on the console, the patient's record and the family's page. */
export function ReferralLines({ referrals, label }: { referrals: ReferralView[]; label: string }) {
  return (
    <>
      {referrals.map((r) => (
        <Text key={r.appointmentId} className="task-card__referral block" data-appointment-id={r.appointmentId}>
          {label}：{referralText(r)}
        </Text>
      ))}
    </>
  )
}
