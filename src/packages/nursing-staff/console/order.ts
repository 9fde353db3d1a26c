import { OPEN_STATUSES, type NursingStatus } from '../../../../types/nursing'

/**
 * The line above the console's list, saying how nursing.board orders the tab: on a working tab,
 * the most urgent and the longest waiting first; on a history tab (已完成, 已评价, 已拒绝, 已取消)
 * nobody is waiting any more, so the latest finished come first.
 */
export function boardOrderNote(status: NursingStatus): string {
  return OPEN_STATUSES.includes(status) ? '高风险和等得最久的排在前面' : '最近结束的排在前面'
}
