import { z } from 'zod'
import { action } from '../../types/contract'
import { createFunction } from '../../cloudfunctions/common/router'
import { nextRun, startTimers, toSixFields } from '../../cloudfunctions/local/timers'

describe('the timer runner', () => {
  test('reads CloudBase 7-field crons in China time whatever the server zone', () => {
    expect(toSixFields('0 0 2 * * * *')).toBe('0 0 2 * * *')
    // 02:00 in Shanghai is 18:00 UTC the day before.
    expect(nextRun('0 0 2 * * * *', new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-22T18:00:00.000Z')
    expect(nextRun('0 30 19 * * * *', new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-23T11:30:00.000Z')
  })

  test('calls the function main with a timer event that runs a system action', async () => {
    const ran: string[] = []
    const jobs = createFunction(
      'jobs',
      {
        tick: action({ input: z.object({}), output: z.object({ n: z.number() }) })({
          roles: ['system'],
          requestId: false,
          example: () => ({})
        })
      },
      {
        tick: async (_i, ctx) => {
          ran.push(ctx.caller.kind)
          return { n: ran.length }
        }
      }
    )
    // The runner's clock is faked: 2.3 s of every-second cron pass without waiting for them.
    jest.useFakeTimers({ now: new Date('2026-11-23T02:00:00.500Z') })
    const runner = startTimers([{ fn: 'jobs', name: 'tick', cron: '* * * * * * *' }], { jobs })
    try {
      await jest.advanceTimersByTimeAsync(2300)
      runner.stop()
      await jest.advanceTimersByTimeAsync(5000)
    } finally {
      jest.useRealTimers()
    }
    // Fired at :01 and :02, and never after stop().
    const count = ran.length
    expect(count).toBe(2)
    expect(ran.every((k) => k === 'system')).toBe(true)
    await expect(runner.fire('tick')).resolves.toEqual({ ok: true, data: { n: count + 1 } })
  })

  test('a timer-only action cannot be called by a signed-in user', async () => {
    const jobs = createFunction(
      'jobs',
      { tick: action({ input: z.object({}), output: z.object({}) })({ roles: ['system'], requestId: false, example: () => ({}) }) },
      { tick: async () => ({}) }
    )
    const ctx = { environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'demo-openid-li_mei' }) }
    const res = await jobs.main({ action: 'tick', data: {} }, ctx)
    expect(res.ok).toBe(false)
  })
})
