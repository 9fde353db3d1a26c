/**
 * The SDK wire as the engine sees it: what `@cloudbase/database` sends for each call (pinned here, since the engine
 * depends on it), the round-trip count, the error class application code receives, aggregation, and the older
 * transaction API.
 */
import { Transaction as LegacyTransaction } from '@cloudbase/database/dist/commonjs/transaction'
import type { Db } from '@cloudbase/database'
import { db, setDatabaseRequester } from '../../cloudfunctions/common/db'
import { caught, openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest
const sent: Array<{ api: string; params: Record<string, unknown> }> = []

beforeAll(async () => {
  t = await openEngine()
  const Inner = t.engine.requesterClass()
  // Records every request on its way to the engine.
  class Recording {
    private readonly inner = new Inner()
    async send(api: string, data?: unknown, opts?: unknown): Promise<unknown> {
      sent.push({ api, params: { ...((data ?? {}) as Record<string, unknown>) } })
      return this.inner.send(api, data, opts)
    }
  }
  setDatabaseRequester(Recording)
  t.db = db()
  await t.db.collection('wire').add(Array.from({ length: 5 }, (_, i) => ({ _id: `w${i}`, n: i, kind: i % 2 ? 'odd' : 'even' })))
})

afterAll(async () => {
  await t.close()
})

beforeEach(() => {
  sent.length = 0
})

test('where().get() sends limit 100 by default and at most 1000; doc().get() sends no limit', async () => {
  await t.db.collection('wire').get()
  await t.db.collection('wire').limit(5000).get()
  await t.db.collection('wire').skip(2).limit(3).get()
  await t.db.collection('wire').doc('w1').get()
  expect(sent.map((s) => [s.api, s.params.limit, s.params.offset])).toEqual([
    ['database.getDocument', 100, undefined],
    ['database.getDocument', 1000, undefined],
    ['database.getDocument', 3, 2],
    ['database.getDocument', undefined, undefined]
  ])
  expect(sent[3].params).toMatchObject({ queryType: 'DOC', query: '{"_id":"w1"}' })
})

test('queries and updates travel as canonical EJSON strings', async () => {
  const _ = t.db.command
  await t.db
    .collection('wire')
    .where({ n: _.gt(1) })
    .update({ n: _.inc(1), at: t.db.serverDate({ offset: 5 }) })
  expect(sent[0]).toEqual({
    api: 'database.modifyDocument',
    params: {
      collectionName: 'wire',
      queryType: 'WHERE',
      multi: true,
      merge: true,
      upsert: false,
      query: '{"n":{"$gt":{"$numberInt":"1"}}}',
      data: '{"$inc":{"n":{"$numberInt":"1"}},"$set":{"at":{"$tcb_server_date":{"offset":{"$numberInt":"5"}}}}}'
    }
  })
})

test('a conditional update is one round trip; a transaction with one read and one write is four', async () => {
  const _ = t.db.command
  t.engine.resetRoundTrips()
  await t.db
    .collection('wire')
    .where({ _id: 'w1', n: _.gt(0) })
    .update({ n: _.inc(-1) })
  expect(t.engine.roundTrips).toBe(1)
  t.engine.resetRoundTrips()
  await t.db.runTransaction(async (tx: import('../../cloudfunctions/common/db').Transaction) => {
    await tx.collection('wire').doc('w2').get()
    await tx
      .collection('wire')
      .doc('w2')
      .update({ n: _.inc(1) })
  })
  expect(t.engine.roundTrips).toBe(4)
  expect(sent.slice(-4).map((s) => s.api)).toEqual([
    'database.startTransaction',
    'database.getDocument',
    'database.modifyDocument',
    'database.commitTransaction'
  ])
})

test("errors reach application code as the SDK's own TcbError with code, message and requestId", async () => {
  await t.db.createCollection('made')
  const err = await caught(t.db.createCollection('made'))
  expect(err.constructor.name).toBe('TcbError')
  expect(err).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
  expect(err.requestId).toMatch(/^[0-9a-f]+$/)
})

test('an action the engine does not know is answered with INVALID_ACTION', async () => {
  const Cls = t.engine.requesterClass()
  const err = await caught(new Cls().send('database.someFutureThing', {}))
  expect(err.code).toBe('INVALID_ACTION')
})

test('aggregate runs a pipeline: match, group, sort, and a lookup into another collection', async () => {
  const _ = t.db.command
  const $ = _.aggregate
  const grouped = await t.db
    .collection('wire')
    .aggregate()
    .match({ n: _.gte(0) })
    .group({ _id: '$kind', total: $.sum('$n'), count: $.sum(1) })
    .sort({ _id: 1 })
    .end()
  expect(grouped.data).toEqual([
    { _id: 'even', total: expect.any(Number), count: 3 },
    { _id: 'odd', total: expect.any(Number), count: 2 }
  ])
  await t.db.collection('kinds').add([
    { _id: 'k1', kind: 'odd', label: '奇' },
    { _id: 'k2', kind: 'even', label: '偶' }
  ])
  const joined = await t.db
    .collection('wire')
    .aggregate()
    .match({ _id: 'w3' })
    .lookup({ from: 'kinds', localField: 'kind', foreignField: 'kind', as: 'kindInfo' })
    .project({ _id: 0, kindInfo: 1 })
    .end()
  expect(joined.data).toEqual([{ kindInfo: [{ _id: 'k1', kind: 'odd', label: '奇' }] }])
})

test('aggregation stages that add or change fields leave the stored documents alone', async () => {
  const res = await t.db
    .collection('wire')
    .aggregate()
    .match({ _id: t.db.command.in(['w1', 'w3']) })
    .addFields({ kind: 'changed', extra: true })
    .end()
  expect(res.data).toHaveLength(2)
  expect(res.data).toMatchObject([
    { kind: 'changed', extra: true },
    { kind: 'changed', extra: true }
  ])
  const stored = (await t.db.collection('wire').doc('w1').get()).data as Array<Record<string, unknown>>
  expect(stored[0].kind).toBe('odd')
  expect(stored[0]).not.toHaveProperty('extra')
})

test('updateAndReturn gives back the updated document', async () => {
  const res = await t.db.collection('wire').where({ _id: 'w4' }).updateAndReturn({ kind: 'four' })
  expect(res.updated).toBe(1)
  expect(res.doc).toMatchObject({ _id: 'w4', kind: 'four' })
  expect(sent[0].api).toBe('database.modifyAndReturnDoc')
})

test('the older transaction API (getInTransaction, updateDocInTransaction, deleteDocInTransaction) works too', async () => {
  const tx = new LegacyTransaction(t.db as unknown as Db)
  await tx.init()
  const ref = t.db.collection('legacy').doc('L1')
  const set = await tx.set(ref, { v: 1 })
  expect(set.upserted).toEqual([{ _id: 'L1' }])
  expect((await tx.get(ref)).data()).toEqual({ _id: 'L1', v: 1 })
  await tx.update(ref, { v: 2 })
  await tx.delete(t.db.collection('wire').doc('w0'))
  expect((await t.db.collection('legacy').doc('L1').get()).data).toEqual([])
  await tx.commit()
  expect((await t.db.collection('legacy').doc('L1').get()).data).toEqual([{ _id: 'L1', v: 2 }])
  expect((await t.db.collection('wire').doc('w0').get()).data).toEqual([])
  expect(sent.map((s) => s.api)).toEqual([
    'database.startTransaction',
    'database.updateDocInTransaction',
    'database.getInTransaction',
    'database.updateDocInTransaction',
    'database.deleteDocInTransaction',
    'database.getDocument',
    'database.commitTransaction',
    'database.getDocument',
    'database.getDocument'
  ])
})

test('documents come back as relaxed EJSON, which the SDK parses to the same values canonical EJSON gives', async () => {
  const at = new Date('2026-11-30T08:00:00.123Z')
  const doc = {
    _id: 'typed',
    whole: 3,
    half: 0.5,
    negative: -7,
    big: 2 ** 53 - 1,
    at,
    nested: { list: [1, 'two', { three: 3 }] },
    none: null
  }
  await t.db.collection('wire').add(doc)
  const replies: string[] = []
  const Inner = t.engine.requesterClass()
  class Capturing {
    private readonly inner = new Inner()
    async send(api: string, data?: unknown, opts?: unknown): Promise<unknown> {
      const reply = (await this.inner.send(api, data, opts)) as { data?: { list?: string[] } }
      replies.push(...(reply.data?.list ?? []))
      return reply
    }
  }
  setDatabaseRequester(Capturing)
  try {
    const back = (await db().collection('wire').doc('typed').get()).data[0]
    expect(replies[0]).toContain('"whole":3')
    expect(replies[0]).not.toContain('$numberInt')
    expect(back).toEqual(doc)
    expect(back.at).toBeInstanceOf(Date)
    const { EJSON } = await import('bson')
    expect(EJSON.parse(replies[0])).toEqual(EJSON.parse(EJSON.stringify(doc, { relaxed: false })))
  } finally {
    setDatabaseRequester(Inner)
    t.db = db()
  }
})
