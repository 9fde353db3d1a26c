/**
 * Reading through the real SDK: every query operator `db.command` produces, dot paths, ordering, paging
 * (with the SDK's 100 default and 1000 cap), counting and projection.
 */
import { openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest

interface Slot {
  _id: string
  doctor: string
  dept: { name: string; floor: number }
  day: string
  fee: number
  remaining: number
  tags?: string[]
  periods?: Array<{ name: string; left: number }>
  note?: string | null
  startsAt: Date
}

const day0 = Date.UTC(2024, 0, 1, 0, 0, 0)

function slot(i: number): Slot {
  return {
    _id: `s${String(i).padStart(2, '0')}`,
    doctor: ['Zhang Wei', 'Li Na', 'Wang Fang', 'zhao lei'][i % 4],
    dept: { name: i % 2 ? 'cardiology' : 'neurology', floor: 1 + (i % 3) },
    day: `2024-01-0${1 + (i % 5)}`,
    fee: 10 + i,
    remaining: i % 3,
    ...(i % 4 === 0 ? {} : { tags: i % 2 ? ['expert', 'am'] : ['pm'] }),
    periods: [
      { name: 'am', left: i % 2 },
      { name: 'pm', left: i % 3 }
    ],
    ...(i === 5 ? { note: null } : i === 6 ? { note: 'bring records' } : {}),
    startsAt: new Date(day0 + i * 3600_000)
  }
}

const ALL = Array.from({ length: 20 }, (_, i) => slot(i))

async function ids(query: Parameters<ReturnType<EngineUnderTest['db']['collection']>['where']>[0]): Promise<string[]> {
  const res = await t.db.collection('slots').where(query).limit(1000).get()
  return (res.data as Slot[]).map((d) => d._id).sort()
}

function expected(pred: (s: Slot) => boolean): string[] {
  return ALL.filter(pred)
    .map((s) => s._id)
    .sort()
}

beforeAll(async () => {
  t = await openEngine()
  await t.engine.ensureIndexes({
    collections: [
      {
        name: 'slots',
        indexes: [
          {
            name: 'doctor_day',
            keys: [
              { field: 'doctor', direction: 1 },
              { field: 'day', direction: 1 }
            ]
          }
        ]
      }
    ]
  })
  await t.db.collection('slots').add(ALL)
})

afterAll(async () => {
  await t.close()
})

describe('query operators', () => {
  test('a plain equality and a nested object both match', async () => {
    expect(await ids({ doctor: 'Li Na' })).toEqual(expected((s) => s.doctor === 'Li Na'))
    // The SDK flattens nested objects into dot paths, so this is dept.name == cardiology (not a whole-object match).
    expect(await ids({ dept: { name: 'cardiology' } })).toEqual(expected((s) => s.dept.name === 'cardiology'))
    expect(await ids({ 'dept.floor': 2 })).toEqual(expected((s) => s.dept.floor === 2))
  })

  test('comparison commands eq, neq, gt, gte, lt, lte', async () => {
    const _ = t.db.command
    expect(await ids({ fee: _.eq(15) })).toEqual(['s05'])
    expect(await ids({ remaining: _.neq(0) })).toEqual(expected((s) => s.remaining !== 0))
    expect(await ids({ fee: _.gt(27) })).toEqual(expected((s) => s.fee > 27))
    expect(await ids({ fee: _.gte(27) })).toEqual(expected((s) => s.fee >= 27))
    expect(await ids({ fee: _.lt(12) })).toEqual(expected((s) => s.fee < 12))
    expect(await ids({ fee: _.lte(12) })).toEqual(expected((s) => s.fee <= 12))
    expect(await ids({ fee: _.gt(12).and(_.lt(16)) })).toEqual(expected((s) => s.fee > 12 && s.fee < 16))
  })

  test('dates compare as dates', async () => {
    const _ = t.db.command
    const cut = new Date(day0 + 15 * 3600_000)
    expect(await ids({ startsAt: _.gte(cut) })).toEqual(expected((s) => s.startsAt.getTime() >= cut.getTime()))
    expect(await ids({ startsAt: new Date(day0 + 3 * 3600_000) })).toEqual(['s03'])
  })

  test('in and nin, including against array fields', async () => {
    const _ = t.db.command
    expect(await ids({ day: _.in(['2024-01-01', '2024-01-03']) })).toEqual(expected((s) => ['2024-01-01', '2024-01-03'].includes(s.day)))
    expect(await ids({ day: _.nin(['2024-01-01', '2024-01-03']) })).toEqual(expected((s) => !['2024-01-01', '2024-01-03'].includes(s.day)))
    expect(await ids({ tags: _.in(['pm']) })).toEqual(expected((s) => !!s.tags?.includes('pm')))
    expect(await ids({ tags: 'expert' })).toEqual(expected((s) => !!s.tags?.includes('expert')))
  })

  test('exists tells a missing field from a null one', async () => {
    const _ = t.db.command
    expect(await ids({ tags: _.exists(false) })).toEqual(expected((s) => s.tags === undefined))
    expect(await ids({ note: _.exists(true) })).toEqual(['s05', 's06'])
    expect(await ids({ note: null })).toEqual(expected((s) => s.note === undefined || s.note === null))
    expect(await ids({ note: _.neq(null) })).toEqual(['s06'])
  })

  test('and, or, nor, not', async () => {
    const _ = t.db.command
    expect(await ids(_.and([{ remaining: 0 }, { 'dept.name': 'neurology' }]))).toEqual(
      expected((s) => s.remaining === 0 && s.dept.name === 'neurology')
    )
    expect(await ids(_.or([{ fee: _.lt(12) }, { fee: _.gt(27) }]))).toEqual(expected((s) => s.fee < 12 || s.fee > 27))
    expect(await ids({ fee: _.lt(12).or(_.gt(27)) })).toEqual(expected((s) => s.fee < 12 || s.fee > 27))
    expect(await ids(_.nor([{ remaining: 0 }, { 'dept.name': 'neurology' }]))).toEqual(
      expected((s) => !(s.remaining === 0 || s.dept.name === 'neurology'))
    )
    expect(await ids({ fee: _.not(_.gt(12)) })).toEqual(expected((s) => !(s.fee > 12)))
  })

  test('array commands size, all, elemMatch, and mod', async () => {
    const _ = t.db.command
    expect(await ids({ tags: _.size(2) })).toEqual(expected((s) => s.tags?.length === 2))
    expect(await ids({ tags: _.all(['am', 'expert']) })).toEqual(expected((s) => !!s.tags?.includes('am') && !!s.tags.includes('expert')))
    expect(await ids({ periods: _.elemMatch({ name: 'pm', left: _.gte(2) }) })).toEqual(
      expected((s) => !!s.periods?.some((p) => p.name === 'pm' && p.left >= 2))
    )
    expect(await ids({ 'periods.left': 2 })).toEqual(expected((s) => !!s.periods?.some((p) => p.left === 2)))
    // The SDK's typings declare mod() without parameters; at run time it takes (divisor, remainder).
    const mod = _.mod as unknown as (divisor: number, remainder: number) => ReturnType<typeof _.mod>
    expect(await ids({ fee: mod(5, 0) })).toEqual(expected((s) => s.fee % 5 === 0))
  })

  test('elemMatch matches as MongoDB does: a field condition never matches plain values, and the path must end at an array', async () => {
    const _ = t.db.command
    await t.db.collection('elem').add([
      { _id: 'plain', tags: ['am', 'pm'], scores: [1, 5] },
      { _id: 'objects', tags: [{ name: 'am' }], scores: [1, 2] },
      { _id: 'scalar', tags: 'am', scores: 5 },
      { _id: 'nested', rooms: [{ beds: [1, 4] }, { beds: 2 }] },
      { _id: 'flat', rooms: [{ beds: 4 }] }
    ])
    const found = async (where: Record<string, unknown>) =>
      ((await t.db.collection('elem').where(where).get()).data as Array<{ _id: string }>).map((d) => d._id).sort()
    // mingo alone also matched 'plain' here: a field condition against an array of strings.
    expect(await found({ tags: _.elemMatch({ name: 'am' }) })).toEqual(['objects'])
    expect(await found({ scores: _.elemMatch(_.gt(3)) })).toEqual(['plain'])
    // rooms.beds collects [1, 4] and 2 from 'nested' and 4 from 'flat'; only an array value counts.
    expect(await found({ 'rooms.beds': _.elemMatch(_.gte(4)) })).toEqual(['nested'])
    expect(await found({ 'rooms.beds': 4 })).toEqual(['flat', 'nested'])
  })

  test('regular expressions, from db.RegExp and from a JS literal', async () => {
    expect(await ids({ doctor: t.db.RegExp({ regexp: '^z', options: 'i' }) })).toEqual(expected((s) => /^z/i.test(s.doctor)))
    expect(await ids({ doctor: /^z/ })).toEqual(expected((s) => /^z/.test(s.doctor)))
    expect(await ids({ note: /records/ })).toEqual(['s06'])
  })

  test('an indexed equality and an _id lookup find the same documents as a scan', async () => {
    const _ = t.db.command
    expect(await ids({ doctor: 'Wang Fang', day: '2024-01-03' })).toEqual(
      expected((s) => s.doctor === 'Wang Fang' && s.day === '2024-01-03')
    )
    expect(await ids({ _id: _.in(['s01', 's07', 'nope']) })).toEqual(['s01', 's07'])
    expect(await ids({ _id: 's01', remaining: 0 })).toEqual([])
    // An _id alone is answered without a compiled query: still exact (case, whole id, a missing one).
    expect(await ids({ _id: 's01' })).toEqual(['s01'])
    expect(await ids({ _id: 'S01' })).toEqual([])
    expect(await ids({ _id: 's0' })).toEqual([])
    expect(await ids({ _id: 'nope' })).toEqual([])
  })

  test('an empty where matches everything', async () => {
    expect(await ids({})).toHaveLength(ALL.length)
  })
})

describe('ordering, paging, counting, projection', () => {
  test('orderBy with two keys sorts by the first, then the second', async () => {
    const res = await t.db.collection('slots').orderBy('remaining', 'desc').orderBy('fee', 'asc').get()
    const got = (res.data as Slot[]).map((s) => [s.remaining, s.fee])
    const want = [...ALL].sort((a, b) => b.remaining - a.remaining || a.fee - b.fee).map((s) => [s.remaining, s.fee])
    expect(got).toEqual(want)
  })

  test('orderBy on a dot path', async () => {
    const res = await t.db.collection('slots').orderBy('dept.floor', 'asc').orderBy('_id', 'desc').get()
    const want = [...ALL].sort((a, b) => a.dept.floor - b.dept.floor || (a._id < b._id ? 1 : -1)).map((s) => s._id)
    expect((res.data as Slot[]).map((s) => s._id)).toEqual(want)
  })

  test('skip and limit page through an ordered result', async () => {
    const page = await t.db.collection('slots').orderBy('fee', 'asc').skip(5).limit(3).get()
    expect((page.data as Slot[]).map((s) => s.fee)).toEqual([15, 16, 17])
  })

  test('without orderBy, documents come back in ascending _id order', async () => {
    const res = await t.db.collection('slots').get()
    expect((res.data as Slot[]).map((s) => s._id)).toEqual(ALL.map((s) => s._id))
  })

  test('count counts what a where matches', async () => {
    const _ = t.db.command
    expect((await t.db.collection('slots').count()).total).toBe(20)
    expect(
      (
        await t.db
          .collection('slots')
          .where({ remaining: _.gt(0) })
          .count()
      ).total
    ).toBe(ALL.filter((s) => s.remaining > 0).length)
    expect((await t.db.collection('nothing_here').count()).total).toBe(0)
  })

  test('field() keeps only the named fields (and _id)', async () => {
    const res = await t.db.collection('slots').where({ _id: 's03' }).field({ doctor: true, 'dept.floor': true }).get()
    expect(res.data).toEqual([{ _id: 's03', doctor: 'zhao lei', dept: { floor: 1 } }])
    const doc = await t.db.collection('slots').doc('s03').field({ periods: false, startsAt: false, tags: false, dept: false }).get()
    expect(doc.data).toEqual([{ _id: 's03', doctor: 'zhao lei', day: '2024-01-04', fee: 13, remaining: 0 }])
  })

  test('values come back with their types: numbers, nested objects, dates', async () => {
    const res = await t.db.collection('slots').doc('s02').get()
    const [doc] = res.data as Slot[]
    expect(doc.startsAt).toBeInstanceOf(Date)
    expect(doc.startsAt.toISOString()).toBe('2024-01-01T02:00:00.000Z')
    expect(doc.fee).toBe(12)
    expect(doc.dept).toEqual({ name: 'neurology', floor: 3 })
  })
})

describe('the 100 default and the 1000 cap', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ n: i }))
    for (let i = 0; i < docs.length; i += 400) await t.db.collection('many').add(docs.slice(i, i + 400))
  })

  test('a get without limit returns 100 documents', async () => {
    expect((await t.db.collection('many').get()).data).toHaveLength(100)
    expect((await t.db.collection('many').where({}).get()).data).toHaveLength(100)
  })

  test('a limit above 1000 returns 1000 documents', async () => {
    expect((await t.db.collection('many').limit(5000).get()).data).toHaveLength(1000)
    expect((await t.db.collection('many').limit(1000).get()).data).toHaveLength(1000)
  })

  test('the cap still lets skip reach the rest', async () => {
    const rest = await t.db.collection('many').orderBy('n', 'asc').skip(1000).limit(1000).get()
    expect((rest.data as Array<{ n: number }>).map((d) => d.n)).toEqual(Array.from({ length: 200 }, (_, i) => 1000 + i))
  })

  test('count is not capped', async () => {
    expect((await t.db.collection('many').count()).total).toBe(1200)
  })
})

describe('missing collections', () => {
  test('reading a collection that was never written returns nothing (CloudBase would say DATABASE_COLLECTION_NOT_EXIST)', async () => {
    expect((await t.db.collection('never_written').get()).data).toEqual([])
    expect((await t.db.collection('never_written').doc('x').get()).data).toEqual([])
  })
})
