/**
 * Transactions through the real SDK (db.runTransaction / db.startTransaction): commit, rollback, isolation,
 * serializability against other transactions and against plain writes, and the open-too-long timeout.
 */
import type { Transaction } from '../../cloudfunctions/common/db'
import { caught, openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest
const TIMEOUT_MS = 1500

beforeAll(async () => {
  t = await openEngine({ transactionTimeoutMs: TIMEOUT_MS })
  await t.engine.ensureIndexes({
    collections: [
      {
        name: 'beds',
        indexes: [
          {
            name: 'ward_no',
            keys: [
              { field: 'ward', direction: 1 },
              { field: 'no', direction: 1 }
            ],
            unique: true
          }
        ]
      }
    ]
  })
})

afterAll(async () => {
  await t.close()
})

type AnyDoc = Record<string, unknown>

async function getDoc(collection: string, id: string): Promise<AnyDoc | undefined> {
  return ((await t.db.collection(collection).doc(id).get()).data as AnyDoc[])[0]
}

async function balance(id: string): Promise<number> {
  return (await getDoc('accounts', id))?.balance as number
}

beforeEach(async () => {
  await t.db.collection('accounts').doc('a').set({ balance: 100 })
  await t.db.collection('accounts').doc('b').set({ balance: 0 })
})

test('a transaction that commits applies all of its writes and returns the callback value', async () => {
  const _ = t.db.command
  const result = await t.db.runTransaction(async (tx: Transaction) => {
    const a = await tx.collection('accounts').doc('a').get()
    await tx
      .collection('accounts')
      .doc('a')
      .update({ balance: _.inc(-30) })
    await tx
      .collection('accounts')
      .doc('b')
      .update({ balance: _.inc(30) })
    const added = await tx.collection('ledger').add({ from: 'a', to: 'b', amount: 30 })
    return { seen: (a.data as { balance: number }).balance, added: added.id as string }
  })
  expect(result.seen).toBe(100)
  expect(await balance('a')).toBe(70)
  expect(await balance('b')).toBe(30)
  expect(await getDoc('ledger', result.added)).toMatchObject({ from: 'a', to: 'b', amount: 30 })
})

test('a transaction whose callback throws rolls back every write', async () => {
  const _ = t.db.command
  const before = (await t.db.collection('ledger').count()).total
  const err = await caught(
    t.db.runTransaction(async (tx: Transaction) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ balance: _.inc(-50) })
      await tx.collection('ledger').add({ from: 'a', amount: 50 })
      await tx.collection('accounts').doc('b').remove()
      throw new Error('insufficient stock')
    })
  )
  expect(err.message).toBe('insufficient stock')
  expect(await balance('a')).toBe(100)
  expect(await balance('b')).toBe(0)
  expect((await t.db.collection('ledger').count()).total).toBe(before)
})

test('an explicit rollback discards the writes and runTransaction rejects with its reason', async () => {
  const _ = t.db.command
  const reason = await t.db
    .runTransaction(async (tx: Transaction) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ balance: _.inc(-10) })
      await tx.rollback('not today')
    })
    .then(
      () => 'resolved',
      (e: unknown) => e
    )
  expect(reason).toBe('not today')
  expect(await balance('a')).toBe(100)
})

test('startTransaction, then commit or rollback by hand', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await tx
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(1) })
  await tx.commit()
  expect(await balance('a')).toBe(101)

  const tx2 = await t.db.startTransaction()
  await tx2
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(1) })
  await tx2.rollback()
  expect(await balance('a')).toBe(101)
})

test('a read outside sees the old data until the transaction commits; the transaction sees its own writes', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await tx
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-40) })
  await tx.collection('accounts').doc('c').set({ balance: 5 })
  await tx.collection('accounts').doc('b').remove()

  expect(await balance('a')).toBe(100)
  expect(await getDoc('accounts', 'c')).toBeUndefined()
  expect(await balance('b')).toBe(0)
  expect(
    (
      await t.db
        .collection('accounts')
        .where({ balance: t.db.command.gte(0) })
        .get()
    ).data
  ).toHaveLength(2)

  expect(((await tx.collection('accounts').doc('a').get()).data as AnyDoc).balance).toBe(60)
  expect((await tx.collection('accounts').doc('b').get()).data).toBeNull()
  const inside = await tx
    .collection('accounts')
    .where({ balance: _.gte(0) })
    .get()
  expect((inside.data as AnyDoc[]).map((d) => d._id)).toEqual(['a', 'c'])

  await tx.commit()
  expect(await balance('a')).toBe(60)
  expect(await balance('c')).toBe(5)
  expect(await getDoc('accounts', 'b')).toBeUndefined()
  await t.db.collection('accounts').doc('c').remove()
})

test('concurrent transactions incrementing the same counter end with the right total', async () => {
  await t.db.collection('counters').doc('visits').set({ n: 0 })
  const work = Array.from({ length: 25 }, () =>
    t.db.runTransaction(async (tx: Transaction) => {
      const res = await tx.collection('counters').doc('visits').get()
      const n = (res.data as { n: number }).n
      await new Promise((r) => setTimeout(r, 1))
      await tx
        .collection('counters')
        .doc('visits')
        .set({ n: n + 1 })
    })
  )
  await Promise.all(work)
  expect(await getDoc('counters', 'visits')).toEqual({ _id: 'visits', n: 25 })
})

test('a plain write that changes what a transaction read makes it retry, so no update is lost', async () => {
  const _ = t.db.command
  await t.db.collection('counters').doc('stock').set({ n: 10 })
  let attempts = 0
  await t.db.runTransaction(async (tx: Transaction) => {
    attempts++
    const n = ((await tx.collection('counters').doc('stock').get()).data as { n: number }).n
    if (attempts === 1)
      await t.db
        .collection('counters')
        .doc('stock')
        .update({ n: _.inc(100) })
    await tx
      .collection('counters')
      .doc('stock')
      .set({ n: n - 1 })
  })
  expect(attempts).toBe(2)
  expect(await getDoc('counters', 'stock')).toEqual({ _id: 'stock', n: 109 })
})

test('a plain write to an unrelated document does not disturb an open transaction', async () => {
  const _ = t.db.command
  let attempts = 0
  await t.db.runTransaction(async (tx: Transaction) => {
    attempts++
    await tx.collection('accounts').doc('a').get()
    await t.db
      .collection('accounts')
      .doc('b')
      .update({ balance: _.inc(1) })
    await tx
      .collection('accounts')
      .doc('a')
      .update({ balance: _.inc(1) })
  })
  expect(attempts).toBe(1)
  expect(await balance('a')).toBe(101)
  expect(await balance('b')).toBe(1)
})

test('a duplicate key inside a transaction is rejected there and the transaction writes nothing', async () => {
  await t.db.collection('beds').add({ _id: 'bed1', ward: 'W1', no: 1 })
  const err = await caught(
    t.db.runTransaction(async (tx: Transaction) => {
      await tx.collection('beds').add({ _id: 'bed2', ward: 'W1', no: 2 })
      await tx.collection('beds').add({ _id: 'bed3', ward: 'W1', no: 2 })
    })
  )
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect((await t.db.collection('beds').count()).total).toBe(1)
})

test('two documents may swap unique keys inside one transaction (each statement must be unique, as in MongoDB)', async () => {
  await t.db.collection('beds').add([
    { _id: 'x1', ward: 'W9', no: 1 },
    { _id: 'x2', ward: 'W9', no: 2 }
  ])
  await t.db.runTransaction(async (tx: Transaction) => {
    const clash = await caught(tx.collection('beds').doc('x1').update({ no: 2 }))
    expect(clash.code).toBe('DATABASE_DUPLICATE_WRITE')
    await tx.collection('beds').doc('x1').update({ no: 0 })
    await tx.collection('beds').doc('x2').update({ no: 1 })
    await tx.collection('beds').doc('x1').update({ no: 2 })
  })
  expect(await getDoc('beds', 'x1')).toMatchObject({ no: 2 })
  expect(await getDoc('beds', 'x2')).toMatchObject({ no: 1 })
  const err = await caught(t.db.collection('beds').add({ ward: 'W9', no: 1 }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
})

test('SDK quirk: where().update() on a transaction collection is sent without the transaction id, so it runs outside it', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('accounts').where({ _id: 'b' }).update({ balance: 7 })
  await tx.rollback()
  expect(await balance('b')).toBe(7)
})

test('a transaction left open too long is aborted: its writes are dropped and others can proceed', async () => {
  const _ = t.db.command
  const stale = await t.db.startTransaction()
  await stale
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-99) })
  const started = Date.now()
  // This one waits for the stale transaction to be aborted by the timeout, then runs.
  await t.db.runTransaction(async (tx: Transaction) => {
    await tx
      .collection('accounts')
      .doc('b')
      .update({ balance: _.inc(1) })
  })
  expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 100)
  const err = await caught(stale.commit())
  expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(await balance('a')).toBe(100)
  expect(await balance('b')).toBe(1)
})
