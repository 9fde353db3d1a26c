/**
 * Writing through the real SDK: add (single and batch), doc().get/set/update/remove, where().update/remove,
 * every update command, server dates, and conditional updates.
 */
import { caught, openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest

beforeAll(async () => {
  t = await openEngine()
})

afterAll(async () => {
  await t.close()
})

type AnyDoc = Record<string, unknown>

async function getDoc(collection: string, id: string): Promise<AnyDoc | undefined> {
  const res = await t.db.collection(collection).doc(id).get()
  return (res.data as AnyDoc[])[0]
}

describe('add', () => {
  test('a single add returns the new id, a 32-character hex string', async () => {
    const res = await t.db.collection('notes').add({ text: 'hello' })
    expect(res.id).toMatch(/^[0-9a-f]{32}$/)
    expect(await getDoc('notes', res.id as string)).toEqual({ _id: res.id, text: 'hello' })
  })

  test('a batch add returns one id per document, in order', async () => {
    const res = await t.db.collection('notes').add([{ n: 1 }, { n: 2 }, { n: 3 }])
    expect(res.ids).toHaveLength(3)
    for (const [i, id] of (res.ids as string[]).entries()) expect(await getDoc('notes', id)).toEqual({ _id: id, n: i + 1 })
  })

  test('an add with its own _id keeps it', async () => {
    const res = await t.db.collection('notes').add({ _id: 'mine', text: 'x' })
    expect(res.id).toBe('mine')
    expect(await getDoc('notes', 'mine')).toEqual({ _id: 'mine', text: 'x' })
  })

  test('generated ids follow insertion order', async () => {
    const { ids } = await t.db.collection('ordered').add(Array.from({ length: 30 }, (_, i) => ({ i })))
    const one = await t.db.collection('ordered').add({ i: 30 })
    const all = (await t.db.collection('ordered').get()).data as Array<{ _id: string; i: number }>
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 31 }, (_, i) => i))
    expect([...(ids as string[]), one.id]).toEqual(all.map((d) => d._id))
  })
})

describe('doc()', () => {
  test('doc().set creates a missing document and replaces an existing one', async () => {
    const first = await t.db.collection('profiles').doc('p1').set({ name: '张三', phone: '13800000000' })
    expect(first.upsertedId).toBe('p1')
    const second = await t.db.collection('profiles').doc('p1').set({ name: '张三丰' })
    expect(second.updated).toBe(1)
    expect(await getDoc('profiles', 'p1')).toEqual({ _id: 'p1', name: '张三丰' })
  })

  test('doc().set of the same content answers updated 1, as CloudBase counts the matched document', async () => {
    await t.db
      .collection('profiles')
      .doc('same')
      .set({ name: '李四', tags: ['a'] })
    const again = await t.db
      .collection('profiles')
      .doc('same')
      .set({ name: '李四', tags: ['a'] })
    expect(again.updated).toBe(1)
    expect(again.upsertedId).toBeUndefined()
    expect(await getDoc('profiles', 'same')).toEqual({ _id: 'same', name: '李四', tags: ['a'] })
  })

  test('doc().update merges fields and nested objects by path', async () => {
    await t.db
      .collection('profiles')
      .doc('p2')
      .set({ name: 'a', address: { city: '县城', street: '一路' } })
    const res = await t.db
      .collection('profiles')
      .doc('p2')
      .update({ address: { street: '二路' }, age: 30 })
    expect(res.updated).toBe(1)
    expect(await getDoc('profiles', 'p2')).toEqual({ _id: 'p2', name: 'a', address: { city: '县城', street: '二路' }, age: 30 })
  })

  test('doc().update on a missing document updates nothing and creates nothing', async () => {
    const res = await t.db.collection('profiles').doc('ghost').update({ name: 'x' })
    expect(res.updated).toBe(0)
    expect(await getDoc('profiles', 'ghost')).toBeUndefined()
  })

  test('doc().remove deletes one document', async () => {
    await t.db.collection('profiles').doc('p3').set({ name: 'gone soon' })
    expect((await t.db.collection('profiles').doc('p3').remove()).deleted).toBe(1)
    expect(await getDoc('profiles', 'p3')).toBeUndefined()
    expect((await t.db.collection('profiles').doc('p3').remove()).deleted).toBe(0)
  })

  test('a numeric doc id is a different document from its string form', async () => {
    await t.db.collection('numeric').add({ _id: 7, v: 'number' })
    await t.db.collection('numeric').add({ _id: '7', v: 'string' })
    expect((await t.db.collection('numeric').doc(7).get()).data).toEqual([{ _id: 7, v: 'number' }])
    expect((await t.db.collection('numeric').doc('7').get()).data).toEqual([{ _id: '7', v: 'string' }])
  })

  test('the SDK refuses to change _id before anything is sent', async () => {
    const err = await caught(t.db.collection('profiles').doc('p1').update({ _id: 'other' }))
    expect(err.code).toBe('INVALID_PARAM')
  })
})

describe('update commands', () => {
  const id = 'u1'
  beforeEach(async () => {
    await t.db
      .collection('ops')
      .doc(id)
      .set({
        n: 5,
        price: 2.5,
        low: 10,
        high: 10,
        old: 'name',
        list: [1, 2, 3],
        tags: ['a'],
        queue: ['x', 'y', 'z'],
        nested: { count: 1, keep: true },
        gone: 'soon'
      })
  })

  test('inc and mul change numbers, creating missing ones', async () => {
    const _ = t.db.command
    await t.db
      .collection('ops')
      .doc(id)
      .update({ n: _.inc(-2), price: _.mul(4), nested: { count: _.inc(2) }, fresh: _.inc(1) })
    expect(await getDoc('ops', id)).toMatchObject({ n: 3, price: 10, nested: { count: 3, keep: true }, fresh: 1 })
  })

  test('set replaces a whole nested object; a plain object only sets its paths', async () => {
    const _ = t.db.command
    await t.db
      .collection('ops')
      .doc(id)
      .update({ nested: _.set({ count: 9 }) })
    expect((await getDoc('ops', id))?.nested).toEqual({ count: 9 })
  })

  test('remove deletes a field', async () => {
    const _ = t.db.command
    await t.db.collection('ops').doc(id).update({ gone: _.remove(), 'nested.keep': _.remove() })
    const doc = await getDoc('ops', id)
    expect(doc).not.toHaveProperty('gone')
    expect(doc?.nested).toEqual({ count: 1 })
  })

  test('min, max and rename', async () => {
    const _ = t.db.command
    await t.db
      .collection('ops')
      .doc(id)
      .update({ low: _.min(3), high: _.max(3), old: _.rename('renamed') })
    const doc = await getDoc('ops', id)
    expect(doc).toMatchObject({ low: 3, high: 10, renamed: 'name' })
    expect(doc).not.toHaveProperty('old')
  })

  test('push appends, and push with each/position/slice/sort shapes the array', async () => {
    const _ = t.db.command
    await t.db
      .collection('ops')
      .doc(id)
      .update({ list: _.push(4), tags: _.push(['b', 'c']) })
    expect(await getDoc('ops', id)).toMatchObject({ list: [1, 2, 3, 4], tags: ['a', 'b', 'c'] })
    await t.db
      .collection('ops')
      .doc(id)
      .update({ list: _.push({ each: [0], position: 0 }) })
    expect((await getDoc('ops', id))?.list).toEqual([0, 1, 2, 3, 4])
    await t.db
      .collection('ops')
      .doc(id)
      .update({ list: _.push({ each: [9, -1], sort: -1, slice: 3 }) })
    expect((await getDoc('ops', id))?.list).toEqual([9, 4, 3])
  })

  test('pull, pullAll and addToSet', async () => {
    const _ = t.db.command
    await t.db
      .collection('ops')
      .doc(id)
      .update({ list: _.pull(_.gte(2)), queue: _.pullAll(['x', 'z']) })
    expect(await getDoc('ops', id)).toMatchObject({ list: [1], queue: ['y'] })
    await t.db
      .collection('ops')
      .doc(id)
      .update({ tags: _.addToSet('a') })
    expect((await getDoc('ops', id))?.tags).toEqual(['a'])
    await t.db
      .collection('ops')
      .doc(id)
      .update({ tags: _.addToSet({ each: ['a', 'b', 'b', 'c'] }) })
    expect((await getDoc('ops', id))?.tags).toEqual(['a', 'b', 'c'])
  })

  test('pop, shift and unshift', async () => {
    const _ = t.db.command
    await t.db.collection('ops').doc(id).update({ list: _.pop(), queue: _.shift() })
    expect(await getDoc('ops', id)).toMatchObject({ list: [1, 2], queue: ['y', 'z'] })
    await t.db
      .collection('ops')
      .doc(id)
      .update({ queue: _.unshift(['v', 'w']) })
    expect((await getDoc('ops', id))?.queue).toEqual(['v', 'w', 'y', 'z'])
  })

  test('serverDate stores the server time, with an offset in milliseconds, in add, set and update', async () => {
    const before = Date.now()
    const { id: added } = await t.db
      .collection('stamps')
      .add({ at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }), nested: { at: t.db.serverDate() } })
    await t.db.collection('stamps').doc('set').set({ at: t.db.serverDate() })
    await t.db
      .collection('ops')
      .doc(id)
      .update({ touchedAt: t.db.serverDate({ offset: -1000 }) })
    const after = Date.now()
    const doc = (await getDoc('stamps', added as string)) as { at: Date; later: Date; nested: { at: Date } }
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(doc.at.getTime()).toBeLessThanOrEqual(after)
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000)
    expect(doc.nested.at).toBeInstanceOf(Date)
    expect(((await getDoc('stamps', 'set')) as { at: Date }).at.getTime()).toBeGreaterThanOrEqual(before)
    const touched = ((await getDoc('ops', id)) as { touchedAt: Date }).touchedAt.getTime()
    expect(touched).toBeGreaterThanOrEqual(before - 1000)
    expect(touched).toBeLessThanOrEqual(after - 1000)
  })

  test('an update that changes nothing reports updated 0', async () => {
    const res = await t.db.collection('ops').doc(id).update({ n: 5 })
    expect(res.updated).toBe(0)
  })
})

describe('where().update and where().remove', () => {
  beforeEach(async () => {
    await t.db.collection('bookings').where({}).remove()
    await t.db.collection('bookings').add([
      { _id: 'b1', status: 'booked', slot: 'x' },
      { _id: 'b2', status: 'booked', slot: 'x' },
      { _id: 'b3', status: 'cancelled', slot: 'y' }
    ])
  })

  test('a where update changes every match and says how many', async () => {
    const res = await t.db.collection('bookings').where({ slot: 'x' }).update({ status: 'done' })
    expect(res.updated).toBe(2)
    const statuses = ((await t.db.collection('bookings').get()).data as Array<{ status: string }>).map((d) => d.status)
    expect(statuses).toEqual(['done', 'done', 'cancelled'])
  })

  test('a conditional update on a stale status changes nothing', async () => {
    const res = await t.db.collection('bookings').where({ _id: 'b3', status: 'booked' }).update({ status: 'checked_in' })
    expect(res.updated).toBe(0)
    expect(await getDoc('bookings', 'b3')).toEqual({ _id: 'b3', status: 'cancelled', slot: 'y' })
  })

  test('a where remove deletes every match and says how many', async () => {
    const res = await t.db.collection('bookings').where({ slot: 'x' }).remove()
    expect(res.deleted).toBe(2)
    expect((await t.db.collection('bookings').count()).total).toBe(1)
  })

  test('concurrent conditional decrements never take a counter below zero', async () => {
    const _ = t.db.command
    await t.db.collection('quota').doc('q').set({ remaining: 10 })
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        t.db
          .collection('quota')
          .where({ _id: 'q', remaining: _.gt(0) })
          .update({ remaining: _.inc(-1) })
      )
    )
    expect(results.filter((r) => r.updated === 1)).toHaveLength(10)
    expect(await getDoc('quota', 'q')).toEqual({ _id: 'q', remaining: 0 })
  })
})

describe('bad requests', () => {
  test('an unknown query operator is a CloudBase-style error, not a crash', async () => {
    const err = await caught(
      t.db
        .collection('ops')
        .options({ raw: true })
        .where({ n: { $bogus: 1 } })
        .get()
    )
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
  })

  test('field names with a dot or a leading $ are refused and nothing is written', async () => {
    const err = await caught(t.db.collection('refused').add({ a: { 'b.c': 1 } }))
    expect(err.code).toBe('INVALID_PARAM')
    expect((await t.db.collection('refused').count()).total).toBe(0)
  })
})
