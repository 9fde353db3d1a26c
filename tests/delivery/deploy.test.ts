/**
 * The checks `npm run deploy` makes before and after the CLI runs: the variables it needs, and the
 * timer triggers and variables it reads back from CloudBase.
 */
import { deploySettings, desiredVariables, timerTriggersOf, triggerChanges, type RcFunction } from '../../scripts/deploy'

const key = 'k9Vd2Lq0rT7uXw4Zb8Nc'

describe('variables for the functions', () => {
  test('a field encryption key shorter than 16 characters is refused', () => {
    expect(() => deploySettings({ FIELD_ENCRYPTION_KEY: 'short' })).toThrow(/at least 16 characters/)
    expect(() => deploySettings({})).toThrow(/FIELD_ENCRYPTION_KEY 至少 16 个字符/)
  })

  test('a key with a quote or backslash is refused, since the CLI pastes it into JSON unescaped', () => {
    expect(() => deploySettings({ FIELD_ENCRYPTION_KEY: `${key}"` })).toThrow(/may not contain/)
    expect(() => deploySettings({ FIELD_ENCRYPTION_KEY: `${key}\\` })).toThrow(/may not contain/)
  })

  test('subscribe-message templates must be a JSON object of template ids', () => {
    expect(deploySettings({ FIELD_ENCRYPTION_KEY: key, WX_SUBSCRIBE_TEMPLATES: '{"visit_reminder":"tmpl-1"}' }).templates).toEqual({
      visit_reminder: 'tmpl-1'
    })
    expect(() => deploySettings({ FIELD_ENCRYPTION_KEY: key, WX_SUBSCRIBE_TEMPLATES: 'visit_reminder=tmpl-1' })).toThrow(/JSON/)
    expect(() => deploySettings({ FIELD_ENCRYPTION_KEY: key, WX_SUBSCRIBE_TEMPLATES: '["tmpl-1"]' })).toThrow(/JSON/)
    expect(deploySettings({ FIELD_ENCRYPTION_KEY: key }).templates).toBeUndefined()
  })

  test('a function gets the key from .env and, when configured, the templates as JSON text', () => {
    const fn = { name: 'jobs', envVariables: { FIELD_ENCRYPTION_KEY: '{{env.FIELD_ENCRYPTION_KEY}}' } } as unknown as RcFunction
    const env = { FIELD_ENCRYPTION_KEY: key, WX_SUBSCRIBE_TEMPLATES: '{"visit_reminder":"tmpl-1"}' }
    expect(desiredVariables(fn, env, deploySettings(env))).toEqual({
      FIELD_ENCRYPTION_KEY: key,
      WX_SUBSCRIBE_TEMPLATES: '{"visit_reminder":"tmpl-1"}'
    })
    expect(desiredVariables(fn, { FIELD_ENCRYPTION_KEY: key }, deploySettings({ FIELD_ENCRYPTION_KEY: key }))).toEqual({
      FIELD_ENCRYPTION_KEY: key
    })
  })
})

describe('timer triggers read back from CloudBase', () => {
  test('timers are read from GetFunction, whichever field carries the cron', () => {
    const timers = timerTriggersOf({
      Triggers: [
        { Type: 'timer', TriggerName: 'sendReminders', TriggerDesc: '{"cron":"0 0 20 * * * *"}' },
        { Type: 'timer', Name: 'deliverOutbox', Config: '0 */5 * * * * *' },
        { Type: 'http', TriggerName: 'web' }
      ]
    })
    expect([...timers]).toEqual([
      ['sendReminders', '0 0 20 * * * *'],
      ['deliverOutbox', '0 */5 * * * * *']
    ])
  })

  test('a missing timer is created, a changed cron is replaced, and an undeclared timer is only reported', () => {
    const declared = [
      { name: 'sendReminders', type: 'timer', config: '0 0 20 * * * *' },
      { name: 'deliverOutbox', type: 'timer', config: '0 */5 * * * * *' }
    ]
    const actual = new Map([
      ['sendReminders', '0 0 19 * * * *'],
      ['oldSweep', '0 0 3 * * * *']
    ])
    expect(triggerChanges(declared, actual)).toEqual({ create: [declared[1]], replace: [declared[0]], extra: ['oldSweep'] })
  })

  test('timers that already match need no change', () => {
    const declared = [{ name: 'sendReminders', type: 'timer', config: '0 0 20 * * * *' }]
    expect(triggerChanges(declared, new Map([['sendReminders', '0 0 20 * * * *']]))).toEqual({ create: [], replace: [], extra: [] })
  })
})
