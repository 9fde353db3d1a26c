import { OPEN_STATUSES, type NursingStatus } from '../../../../types/nursing'

/**
 * The line above the console's list, saying how nursing.board orders the tab. It orders every tab
 * alike, by risk (a request not yet assessed ranks highest) and then the earliest submitted: on a
 * working tab, the most urgent and the longest waiting first; on a history tab (已完成, 已评价,
 * 已拒绝, 已取消) nobody is waiting any more, so the line says the order itself.
 */
export function boardOrderNote(status: NursingStatus): string {
  return OPEN_STATUSES.includes(status) ? '高风险和等得最久的排在前面' : '风险高的在前（未评估的算最高），同级按提交时间从早到晚'
}
