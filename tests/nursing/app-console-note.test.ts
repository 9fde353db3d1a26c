/**
 * The line above 护理部's list says how it is ordered. nursing.board orders every tab alike: risk
 * (not yet assessed first), then the earliest submitted (dispatch.test.ts checks that order). On a
 * working tab that is "the most urgent and the longest waiting first"; on a history tab nobody is
 * waiting any more, so it says the order itself.
 */
import { BOARD_STATUSES, OPEN_STATUSES } from '../../types/nursing'
import { boardOrderNote } from '../../src/packages/nursing-staff/console/order'

const history = BOARD_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))

test('the history tabs (服务完成, 已评价, 评估未通过, 已取消) say their real order, not that the longest waiting come first', () => {
  expect(history).toEqual(['completed', 'rated', 'rejected', 'cancelled'])
  for (const s of history) {
    expect(boardOrderNote(s)).not.toContain('等得最久')
    expect(boardOrderNote(s)).toBe('风险高的在前（未评估的算最高），同级按提交时间从早到晚')
  }
})

test('the working tabs still say the most urgent and the longest waiting come first', () => {
  for (const s of OPEN_STATUSES) expect(boardOrderNote(s)).toBe('高风险和等得最久的排在前面')
})
