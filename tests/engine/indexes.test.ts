/**
 * Compound indexes serving range + sort + limit: a page read in order from an index must be exactly the page
 * that sorting every match gives (ties, missing fields, both directions, offsets), stay so through writes and a
 * reopen, and read about a page of documents rather than every document of the pinned value.
 */
import { openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest

const asc = (field: string) => ({ field, direction: 1 as const })
const desc = (field: string) => ({ field, direction: -1 as const })

const manifest = {
  collections: [
    {
      name: 'orders',
      indexes: [
        { name: 'status_created', keys: [asc('status'), desc('createdAt')] },
        { name: 'status_at', keys: [asc('status'), asc('at')] },
        { name: 'kind_created_n', keys: [asc('kind'), asc('createdAt'), asc('n')] },
        { name: 'n', keys: [asc('n')] }
      ]
    }
  ]
}

type Row = Record<string, unknown>

/** Deterministic data with many ties: 30 creation times, 12 dates, some fields missing. */
function rows(count: number, seed: number): Row[] {
  let x = seed
  const rand = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x % n
  }
  return Array.from({ length: count }, (_, i) => {
    const row: Row = { _id: `o${String(seed).padStart(2, '0')}${String(i).padStart(5, '0')}`, n: rand(100) }
    const s = rand(5)
    if (s < 4) row.status = ['submitted', 'delivered', 'cancelled', 'delivered'][s]
    if (rand(10) > 0) row.createdAt = `2026-11-${String(1 + rand(30)).padStart(2, '0')}T08:00:00.000Z`
    row.at = new Date(Date.UTC(2026, 10, 1 + rand(12)))
    row.kind = rand(2) ? 'pickup' : 'courier'
    return row
  })
}

beforeAll(async () => {
  t = await openEngine()
  await t.engine.ensureIndexes(manifest)
  for (const batch of [rows(700, 7), rows(300, 11)]) {
    await t.db.collection('orders').add(batch)
    // The twin has no indexes: every read of it sorts every match.
    await t.db.collection('twin').add(batch)
  }
})

afterAll(async () => {
  await t.close()
})

type Page = { where: Row; order: Array<[string, 'asc' | 'desc']>; skip?: number; limit: number }

function pages(): Page[] {
  const _ = t.db.command
  const out: Page[] = []
  for (const status of ['submitted', 'delivered', 'cancelled', 'nobody']) {
    for (const dir of ['asc', 'desc'] as const) {
      out.push({ where: { status }, order: [['createdAt', dir]], limit: 21 })
      out.push({ where: { status }, order: [['createdAt', dir]], skip: 37, limit: 20 })
      out.push({ where: { status, n: _.gte(50) }, order: [['createdAt', dir]], limit: 15 })
      out.push({ where: { status }, order: [['at', dir]], skip: 5, limit: 30 })
      // Ranges on the sort key, as a "load more" cursor or a date window would put them.
      out.push({ where: { status, createdAt: _.lt('2026-11-12T08:00:00.000Z') }, order: [['createdAt', dir]], limit: 20 })
      out.push({ where: { status, createdAt: _.lte('2026-11-12T08:00:00.000Z') }, order: [['createdAt', dir]], skip: 3, limit: 20 })
      out.push({ where: { status, createdAt: _.gt('2026-11-20T08:00:00.000Z') }, order: [['createdAt', dir]], limit: 20 })
      out.push({
        where: { status, createdAt: _.gte('2026-11-05T08:00:00.000Z').and(_.lt('2026-11-09T08:00:00.000Z')) },
        order: [['createdAt', dir]],
        limit: 50
      })
      out.push({ where: { status, at: _.gt(new Date(Date.UTC(2026, 10, 4))) }, order: [['at', dir]], limit: 20 })
      out.push({ where: { status, createdAt: _.gt(5) }, order: [['createdAt', dir]], limit: 20 })
    }
  }
  for (const kind of ['pickup', 'courier']) {
    out.push({ where: { kind }, order: [['createdAt', 'asc']], limit: 25 })
    out.push({ where: { kind }, order: [['createdAt', 'desc']], skip: 10, limit: 25 })
    out.push({
      where: { kind },
      order: [
        ['createdAt', 'desc'],
        ['n', 'desc']
      ],
      limit: 40
    })
  }
  out.push({ where: {}, order: [['n', 'desc']], skip: 3, limit: 50 })
  out.push({ where: { n: _.lt(10) }, order: [['n', 'asc']], limit: 50 })
  return out
}

async function read(collection: string, p: Page): Promise<unknown[]> {
  let q = t.db.collection(collection).where(p.where)
  for (const [field, dir] of p.order) q = q.orderBy(field, dir)
  if (p.skip) q = q.skip(p.skip)
  return ((await q.limit(p.limit).get()).data as Row[]).map((d) => d._id)
}

async function expectSamePages(): Promise<void> {
  for (const p of pages()) {
    const fromIndex = await read('orders', p)
    const fromSort = await read('twin', p)
    expect({ page: p, ids: fromIndex }).toEqual({ page: p, ids: fromSort })
  }
}

test('a page read in order from a compound index is the page that sorting every match gives', async () => {
  await expectSamePages()
})

test('a status page reads about a page of documents, not every document of that status', async () => {
  const delivered = (await t.db.collection('orders').where({ status: 'delivered' }).count()).total
  expect(delivered).toBeGreaterThan(300)
  const before = t.engine.docsExamined('orders')
  await t.db.collection('orders').where({ status: 'delivered' }).orderBy('createdAt', 'desc').skip(20).limit(21).get()
  const examined = t.engine.docsExamined('orders') - before
  expect(examined).toBeGreaterThanOrEqual(41)
  // A run of equal createdAt values is read whole, so a little more than the page.
  expect(examined).toBeLessThan(80)
})

test('a range on the sort key starts the scan at the range, deep in the history', async () => {
  const _ = t.db.command
  const before = t.engine.docsExamined('orders')
  const page = await t.db
    .collection('orders')
    .where({ status: 'delivered', createdAt: _.lt('2026-11-03T08:00:00.000Z') })
    .orderBy('createdAt', 'desc')
    .limit(10)
    .get()
  expect(page.data.length).toBe(10)
  expect(t.engine.docsExamined('orders') - before).toBeLessThan(60)
})

test('the pages stay right through inserts, updates, removals and a reopen', async () => {
  const _ = t.db.command
  for (const c of ['orders', 'twin']) {
    await t.db.collection(c).add(rows(120, 23))
    await t.db
      .collection(c)
      .where({ status: 'submitted', n: _.lt(40) })
      .update({ status: 'delivered', createdAt: '2026-11-15T08:00:00.000Z' })
    await t.db
      .collection(c)
      .where({ status: 'cancelled', n: _.gt(70) })
      .remove()
    await t.db
      .collection(c)
      .doc('o0700003')
      .set({ status: 'submitted', n: 1, kind: 'pickup', at: new Date(0) })
  }
  await expectSamePages()
  t = await t.reopen()
  await expectSamePages()
})

test('an index holding an array value is not used for ordered pages, and the page is still right', async () => {
  await t.db.collection('orders').add({ _id: 'multi', status: ['submitted', 'delivered'], createdAt: '2026-11-30T08:00:00.000Z', n: 1 })
  await t.db.collection('twin').add({ _id: 'multi', status: ['submitted', 'delivered'], createdAt: '2026-11-30T08:00:00.000Z', n: 1 })
  await expectSamePages()
})
