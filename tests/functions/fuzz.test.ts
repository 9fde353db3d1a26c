/**
 * Property: for every registered action, any input its schema rejects gets INVALID_INPUT with the
 * offending fields named, and changes nothing. Inputs are random JSON and mutations of the
 * action's own example (a field dropped, a field of the wrong type, an unknown field).
 */
import fc from 'fast-check'
import type { ActionSpec } from '../../types/contract'
import { cloudFunctions } from '../../cloudfunctions/registry'
import { openBackend, rid, type TestBackend } from '../helpers/backend'
import { buildFixtures, snapshot } from '../helpers/matrix'

const cells = Object.values(cloudFunctions).flatMap((fn) =>
  Object.entries(fn.actions as Record<string, ActionSpec>).map(([action, spec]) => ({ fn: fn.name, action, spec }))
)

let b: TestBackend
beforeAll(async () => {
  b = await openBackend()
})
afterAll(() => b.close())

function malformed(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(example)
  const anyJson = fc.jsonValue({ maxDepth: 2 })
  const arbs: fc.Arbitrary<unknown>[] = [anyJson, fc.string({ minLength: 1, maxLength: 12 }).map((k) => ({ ...example, [`x_${k}`]: 1 }))]
  if (keys.length) {
    arbs.push(fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([key]) => key !== k))))
    arbs.push(fc.tuple(fc.constantFrom(...keys), anyJson).map(([k, v]) => ({ ...example, [k]: v })))
    arbs.push(fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 300 })).map(([k, v]) => ({ ...example, [k]: v })))
  }
  return fc.oneof(...arbs)
}

describe.each(cells)('$fn $action', ({ fn, action, spec }) => {
  test('malformed input gets INVALID_INPUT naming the fields, and writes nothing', async () => {
    const f = await buildFixtures(b)
    const example = spec.example(f) as Record<string, unknown>
    const caller = spec.roles.includes('patient') ? 'li_mei' : 'admin'
    const before = await snapshot()
    await fc.assert(
      fc.asyncProperty(
        malformed(example).filter((input) => !spec.input.safeParse(input).success),
        async (input) => {
          const res = await b.callUnchecked(caller, fn, action, input, spec.requestId ? rid() : undefined)
          expect(res.ok).toBe(false)
          if (res.ok) return
          expect(res.error.code).toBe('INVALID_INPUT')
          expect(Object.keys(res.error.fields ?? {}).length).toBeGreaterThan(0)
          for (const msg of Object.values(res.error.fields ?? {})) expect(msg).toMatch(/[\u4e00-\u9fa5]/)
        }
      ),
      // A fixed seed keeps CI reproducible; FC_SEED=<n> explores other inputs locally.
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20261122) }
    )
    expect(await snapshot()).toBe(before)
  })
})

/** What an attacker pastes into a text box: a null byte, a right-to-left override, an isolate, a lone surrogate, a bell. */
const HOSTILE = ['\u0000', '\u202E', '\u2066', '\uD800', '\u0007']

/** Every path to a string in the example, with the example rebuilt around a replacement at that path. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]))
  return []
}

function withAt(value: unknown, path: (string | number)[], make: (s: string) => string): unknown {
  if (!path.length) return make(value as string)
  const [head, ...rest] = path
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withAt(v, rest, make) : v))
  return { ...(value as Record<string, unknown>), [head]: withAt((value as Record<string, unknown>)[head], rest, make) }
}

describe.each(cells)('$fn $action', ({ fn, action, spec }) => {
  test('a null byte, bidi override or lone surrogate in any string field is refused with INVALID_INPUT, never INTERNAL', async () => {
    const f = await buildFixtures(b)
    const example = spec.example(f)
    const caller = spec.roles.includes('patient') ? 'li_mei' : 'admin'
    const before = await snapshot()
    for (const path of stringPaths(example)) {
      for (const bad of HOSTILE) {
        const input = withAt(example, path, (s) => `${s.slice(0, 1)}${bad}${s.slice(1)}`)
        const res = await b.callUnchecked(caller, fn, action, input, spec.requestId ? rid() : undefined)
        expect({ path, bad, code: res.ok ? 'ok' : res.error.code }).toEqual({ path, bad, code: 'INVALID_INPUT' })
        if (!res.ok) expect(Object.values(res.error.fields ?? {}).join()).toMatch(/[\u4e00-\u9fa5]/)
      }
    }
    expect(await snapshot()).toBe(before)
  })
})

describe('what an attacker found', () => {
  test('an admin searching staff for a null byte is told the keyword is invalid, not 系统繁忙', async () => {
    const res = await b.call('admin', 'account', 'listStaff', { keyword: '\u0000' })
    expect(res.ok ? 'ok' : res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { keyword: expect.stringContaining('关键词') } })
  })

  test('a staff search for regex syntax finds nothing rather than failing', async () => {
    const res = await b.call('admin', 'account', 'listStaff', { keyword: '.*(' })
    expect(res.ok && res.data).toMatchObject({ accounts: [] })
  })

  test('a session on 9999-12-31 is refused with a date error', async () => {
    const f = await buildFixtures(b)
    const example = cloudFunctions.booking.actions.createSession.example(f) as Record<string, unknown>
    const res = await b.callUnchecked('scheduler', 'booking', 'createSession', { ...example, date: '9999-12-31' }, rid())
    expect(res.ok ? 'ok' : res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { date: '日期应在2000年至2099年之间' } })
  })
})
