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
          const res = await b.call(caller, fn, action, input, spec.requestId ? rid() : undefined)
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
