/** Turns at a slice (cloudfunctions/booking/places.ts): who tries when, never who gets what. */
import { sliceTurn } from '../../cloudfunctions/booking/places'

const tick = () => new Promise((r) => setImmediate(r))

test('at most four callers of one slice try at once; the rest go in the order they came', async () => {
  const started: number[] = []
  const ends: Array<() => void> = []
  const waiting = Array.from({ length: 7 }, (_u, i) =>
    sliceTurn('sch_turns', 0).then((end) => {
      started.push(i)
      ends[i] = end
    })
  )
  await tick()
  expect(started).toEqual([0, 1, 2, 3])
  ends[2]()
  ends[2]() // given back twice: counts once
  await tick()
  expect(started).toEqual([0, 1, 2, 3, 4])
  ends[0]()
  ends[1]()
  await tick()
  expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
  // Another slice of the same session, and the same slice of another session, never wait behind it.
  const other = await Promise.race([sliceTurn('sch_turns', 1), tick().then(() => undefined)])
  expect(other).toBeInstanceOf(Function)
  other?.()
  for (const i of [3, 4, 5, 6]) ends[i]()
  await Promise.all(waiting)
})
