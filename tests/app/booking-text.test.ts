/** How an appointment's cancellation reads in the app: who cancelled, and why if a reason was given. */
import { cancelledLine } from '../../src/packages/booking/components/text'

describe('a cancelled appointment says who cancelled', () => {
  test('李梅 cancelling for her father reads 李梅代为取消, with her reason when she gave one', () => {
    expect(cancelledLine({ cancelledBy: 'patient', channel: 'family', cancelReason: '' }, '李梅')).toBe('李梅代为取消')
    expect(cancelledLine({ cancelledBy: 'patient', channel: 'family', cancelReason: '父亲住院' }, '李梅')).toBe('李梅代为取消：父亲住院')
  })

  test('a person cancelling their own booking reads 本人取消, never 本人取消：本人取消', () => {
    expect(cancelledLine({ cancelledBy: 'patient', channel: 'self', cancelReason: '本人取消' }, '张伟')).toBe('本人取消')
    expect(cancelledLine({ cancelledBy: 'patient', channel: 'self', cancelReason: '临时出差' }, '张伟')).toBe('本人取消：临时出差')
  })

  test('the hotline and 停诊 name themselves, with the reason', () => {
    expect(cancelledLine({ cancelledBy: 'hotline', channel: 'hotline', cancelReason: '来电者家中有事' }, '')).toBe(
      '热线代为取消：来电者家中有事'
    )
    expect(cancelledLine({ cancelledBy: 'hospital', channel: 'family', cancelReason: '专家临时外出会诊' }, '李梅')).toBe(
      '医院停诊：专家临时外出会诊'
    )
  })
})
