/**
 * The line above 护理部's list says how it is ordered (dispatch.test.ts checks the order itself): on a
 * working tab risk, then the longest waiting; on a history tab the latest finished first.
 */
import { BOARD_STATUSES, OPEN_STATUSES } from '../../types/nursing'
import { boardOrderNote } from '../../src/packages/nursing-staff/console/order'

const history = BOARD_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))

test('the history tabs (服务完成, 已评价, 评估未通过, 已取消) say their real order, not that the longest waiting come first', () => {
  expect(history).toEqual(['completed', 'rated', 'rejected', 'cancelled'])
  for (const s of history) {
    expect(boardOrderNote(s)).not.toContain('等得最久')
    expect(boardOrderNote(s)).toBe('最近结束的排在前面')
  }
})

test('the working tabs still say the most urgent and the longest waiting come first', () => {
  for (const s of OPEN_STATUSES) expect(boardOrderNote(s)).toBe('高风险和等得最久的排在前面')
})
