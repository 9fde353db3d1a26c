import {
  cstClockToIso,
  decoctStepsProblem,
  deliveryProblem,
  formatCst,
  orderNumber,
  overdueBefore,
  packCountProblem,
  prescriptionNumber,
  searchKeysOf,
  searchTerm,
  soakingState,
  startTimeProblem,
  stepTimeProblem,
  timedHandlingsOf
} from '../../types/decoction-rules'

const now = new Date('2026-11-23T01:00:00.000Z') // 09:00 in Jinan

describe('soaking time', () => {
  test('within the set minutes is not overdue; one minute past is', () => {
    expect(soakingState('2026-11-23T00:30:00.000Z', now, 30)).toEqual({ minutes: 30, overdue: false })
    expect(soakingState('2026-11-23T00:29:00.000Z', now, 30)).toEqual({ minutes: 31, overdue: true })
  })

  test('seconds do not count until a whole minute has passed', () => {
    expect(soakingState('2026-11-23T00:29:30.000Z', now, 30)).toEqual({ minutes: 30, overdue: false })
  })

  test('a start a little in the future counts as zero minutes', () => {
    expect(soakingState('2026-11-23T01:02:00.000Z', now, 30)).toEqual({ minutes: 0, overdue: false })
  })

  test('the hospital’s own soaking time is used', () => {
    expect(soakingState('2026-11-23T00:15:00.000Z', now, 45).overdue).toBe(false)
    expect(soakingState('2026-11-23T00:15:00.000Z', now, 40).overdue).toBe(true)
  })

  test('the overdue cut-off is the same instant the row check uses', () => {
    const cut = overdueBefore(now, 30)
    expect(cut).toBe('2026-11-23T00:30:00.000Z')
    const justBefore = new Date(Date.parse(cut) - 60_000).toISOString()
    expect(soakingState(justBefore, now, 30).overdue).toBe(true)
    expect(soakingState(cut, now, 30).overdue).toBe(false)
  })
})

describe('recorded start times', () => {
  test('now, a few minutes ahead, and earlier this morning are fine', () => {
    expect(startTimeProblem('2026-11-23T01:00:00.000Z', now)).toBeNull()
    expect(startTimeProblem('2026-11-23T01:05:00.000Z', now)).toBeNull()
    expect(startTimeProblem('2026-11-22T13:00:00.000Z', now)).toBeNull()
  })

  test('later than now or more than 12 hours ago is refused', () => {
    expect(startTimeProblem('2026-11-23T01:06:00.000Z', now)).toBe('开始时间不能晚于现在')
    expect(startTimeProblem('2026-11-22T12:59:00.000Z', now)).toContain('12小时')
  })
})

test('the pack count must match doses × packs per dose', () => {
  expect(packCountProblem(14, 7, 2)).toBeNull()
  expect(packCountProblem(13, 7, 2)).toBe('处方7剂、每剂2袋，应包装14袋，实际填写13袋，请核对')
})

describe('先煎/后下 recorded when decocting starts', () => {
  const herbs = [{ handling: '先煎' as const }, { handling: null }, { handling: '后下' as const }, { handling: '烊化' as const }]

  test('only 先煎 and 后下 need minutes', () => {
    expect(timedHandlingsOf(herbs)).toEqual(['先煎', '后下'])
    expect(timedHandlingsOf([{ handling: '包煎' }])).toEqual([])
  })

  test('each one present recorded once is right', () => {
    expect(decoctStepsProblem(herbs, [{ handling: '后下' }, { handling: '先煎' }])).toBeNull()
    expect(decoctStepsProblem([{ handling: null }], [])).toBeNull()
  })

  test('missing, extra and repeated steps are named', () => {
    expect(decoctStepsProblem(herbs, [{ handling: '先煎' }])).toBe('处方中有需要后下的药，请记录后下的时间')
    expect(decoctStepsProblem([{ handling: null }], [{ handling: '先煎' }])).toBe('处方中没有需要先煎的药，不用记录先煎')
    expect(decoctStepsProblem(herbs, [{ handling: '先煎' }, { handling: '先煎' }, { handling: '后下' }])).toBe('先煎只需记录一次')
  })
})

test('courier orders ship and pickup orders wait for pickup', () => {
  expect(deliveryProblem('shipped', 'courier')).toBeNull()
  expect(deliveryProblem('ready_for_pickup', 'pickup')).toBeNull()
  expect(deliveryProblem('shipped', 'pickup')).toContain('通知取药')
  expect(deliveryProblem('ready_for_pickup', 'courier')).toContain('快递发货')
  expect(deliveryProblem('reviewed', 'pickup')).toBeNull()
})

describe('pharmacy search', () => {
  test.each([
    ['13953187721', 'phone', '13953187721'],
    [' 139 5318 7721 ', 'phone', '13953187721'],
    ['d202611230007', 'orderNo', 'D202611230007'],
    ['D202611230007', 'orderNo', 'D202611230007'],
    ['李德福', 'name', '李德福'],
    ['李 德福', 'name', '李德福'],
    ['12345', 'name', '12345']
  ])('%s is searched as %s', (q, kind, value) => {
    expect(searchTerm(q)).toEqual({ kind, value })
  })

  test('an order is found by its number, the patient and the contact, each once', () => {
    expect(
      searchKeysOf({
        orderNo: 'D202611230001',
        patientName: '李德福',
        patientPhone: '13953187721',
        contactName: '李德福',
        contactPhone: '13953187721'
      })
    ).toEqual(['D202611230001', '李德福', '13953187721'])
  })
})

test('order and prescription numbers carry the business day and a 4-digit sequence', () => {
  expect(orderNumber('2026-11-23', 7)).toBe('D202611230007')
  expect(prescriptionNumber('2026-11-23', 12)).toBe('RX202611230012')
})

test('times read in China time whatever the device zone', () => {
  expect(formatCst('2026-11-22T16:05:00.000Z')).toBe('2026-11-23 00:05')
  expect(formatCst('2026-11-23T01:00:00.000Z', false)).toBe('11-23 09:00')
  expect(formatCst('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00')
})

describe('a start time typed as HH:mm', () => {
  test('is that time today in China, whatever the zone of the device', () => {
    expect(cstClockToIso('08:30', now)).toBe('2026-11-23T00:30:00.000Z')
    expect(cstClockToIso('8:05', now)).toBe('2026-11-23T00:05:00.000Z')
    expect(cstClockToIso('07：00', now)).toBe('2026-11-22T23:00:00.000Z')
  })

  test('just after midnight in China the day is already the next one', () => {
    expect(cstClockToIso('00:10', new Date('2026-11-22T16:20:00.000Z'))).toBe('2026-11-22T16:10:00.000Z')
  })

  test('nonsense is null', () => {
    for (const bad of ['', '25:00', '8点', '08:60', '0830']) expect(cstClockToIso(bad, now)).toBeNull()
  })
})

describe('stepTimeProblem: step times that cannot have happened', () => {
  const at = (hhmm: string, ss = '00') => `2026-11-23T${String(Number(hhmm.slice(0, 2)) - 8).padStart(2, '0')}:${hhmm.slice(3)}:${ss}.000Z`

  test('soaking may start in the minute dispensing began (times are entered to the minute), not a minute before', () => {
    expect(stepTimeProblem({ to: 'soaking', startedAt: at('08:30'), dispensingAt: at('08:30', '41') }, 30)).toBeNull()
    expect(stepTimeProblem({ to: 'soaking', startedAt: at('08:29'), dispensingAt: at('08:30', '41') }, 30)).toBe(
      '浸泡开始时间08:29早于配药开始时间08:30，请核对；如确实如此，请填写原因'
    )
  })

  test('decocting from exactly the set soaking time, not a minute earlier; any soaking time from settings', () => {
    const soak = { to: 'decocting' as const, soakStartedAt: at('08:15', '30') }
    expect(stepTimeProblem({ ...soak, startedAt: at('08:45') }, 30)).toBeNull()
    expect(stepTimeProblem({ ...soak, startedAt: at('08:44', '59') }, 30)).toBe(
      '浸泡08:15开始，到煎煮开始只有29分钟，未满30分钟，请核对；如确需提前，请填写原因'
    )
    expect(stepTimeProblem({ ...soak, startedAt: at('08:45') }, 50)).toContain('未满50分钟')
    expect(stepTimeProblem({ to: 'decocting', startedAt: at('08:45') }, 30)).toBeNull()
  })
})
