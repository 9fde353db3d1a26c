/**
 * Transactions through the real SDK (db.runTransaction / db.startTransaction), pinned to what CloudBase (MongoDB)
 * does: commit, rollback, several open at once, snapshot reads, conflicts raised at the conflicting write,
 * plain writes waiting for a transaction holding their document, and the open-too-long timeout.
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

test('concurrent transactions on one counter: each commits or fails with DATABASE_TRANSACTION_CONFLICT, and no commit is lost', async () => {
  await t.db.collection('counters').doc('visits').set({ n: 0 })
  const work = Array.from({ length: 25 }, () =>
    t.db
      .runTransaction(async (tx: Transaction) => {
        const res = await tx.collection('counters').doc('visits').get()
        const n = (res.data as { n: number }).n
        await new Promise((r) => setTimeout(r, 1))
        await tx
          .collection('counters')
          .doc('visits')
          .set({ n: n + 1 })
      })
      .then(
        () => 'committed',
        (e: { code?: string }) => e.code
      )
  )
  const outcomes = await Promise.all(work)
  const committed = outcomes.filter((o) => o === 'committed').length
  // As in the cloud: the SDK retries a conflict only twice, with no pause, so under contention some give up.
  expect(outcomes.every((o) => o === 'committed' || o === 'DATABASE_TRANSACTION_CONFLICT')).toBe(true)
  expect(committed).toBeGreaterThan(0)
  expect(committed).toBeLessThan(25)
  expect(await getDoc('counters', 'visits')).toEqual({ _id: 'visits', n: committed })
})

test('several transactions are open at once: a second startTransaction does not wait for the first', async () => {
  const _ = t.db.command
  const first = await t.db.startTransaction()
  await first
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-1) })
  const second = await Promise.race([t.db.startTransaction(), new Promise((r) => setTimeout(() => r('waited'), 500))])
  expect(second).not.toBe('waited')
  const tx2 = second as Awaited<ReturnType<typeof t.db.startTransaction>>
  await tx2
    .collection('accounts')
    .doc('b')
    .update({ balance: _.inc(1) })
  await tx2.commit()
  await first.commit()
  expect(await balance('a')).toBe(99)
  expect(await balance('b')).toBe(1)
})

test('reads inside a transaction see the data as it was when it started, plus its own writes', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await t.db
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(5) })
  await t.db.collection('accounts').doc('late').set({ balance: 1 })
  await t.db.collection('accounts').doc('b').remove()

  expect(((await tx.collection('accounts').doc('a').get()).data as AnyDoc).balance).toBe(100)
  expect((await tx.collection('accounts').doc('late').get()).data).toBeNull()
  expect(((await tx.collection('accounts').doc('b').get()).data as AnyDoc).balance).toBe(0)
  const seen = await tx
    .collection('accounts')
    .where({ balance: _.gte(0) })
    .get()
  expect((seen.data as AnyDoc[]).map((d) => [d._id, d.balance])).toEqual([
    ['a', 100],
    ['b', 0]
  ])
  await tx.collection('accounts').doc('own').set({ balance: 7 })
  const withOwn = await tx
    .collection('accounts')
    .where({ balance: _.gte(0) })
    .get()
  expect((withOwn.data as AnyDoc[]).map((d) => d._id)).toEqual(['a', 'b', 'own'])
  await tx.commit()
  expect(await balance('a')).toBe(105)
  expect(await getDoc('accounts', 'own')).toEqual({ _id: 'own', balance: 7 })
  await t.db.collection('accounts').doc('own').remove()
  await t.db.collection('accounts').doc('late').remove()
})

test('a write to a document another open transaction has written fails at that write with DATABASE_TRANSACTION_CONFLICT', async () => {
  const _ = t.db.command
  const first = await t.db.startTransaction()
  const second = await t.db.startTransaction()
  await first
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-10) })
  const err = await caught(
    second
      .collection('accounts')
      .doc('a')
      .update({ balance: _.inc(-20) })
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  // The conflict ended the second transaction; the first is untouched and commits.
  const over = await caught(second.commit())
  expect(over.code).toBe('DATABASE_TRANSACTION_FAIL')
  await first.commit()
  expect(await balance('a')).toBe(90)
})

test('a write to a document changed after the transaction started fails at that write, not at commit', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await tx.collection('accounts').doc('a').get()
  await t.db
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(1) })
  await tx
    .collection('accounts')
    .doc('b')
    .update({ balance: _.inc(1) })
  const err = await caught(
    tx
      .collection('accounts')
      .doc('a')
      .update({ balance: _.inc(-1) })
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect(await balance('a')).toBe(101)
  expect(await balance('b')).toBe(0)
})

test('two transactions adding the same unique key: the second fails at its add with DATABASE_TRANSACTION_CONFLICT', async () => {
  const first = await t.db.startTransaction()
  const second = await t.db.startTransaction()
  await first.collection('beds').add({ _id: 'race1', ward: 'R', no: 1 })
  const err = await caught(second.collection('beds').add({ _id: 'race2', ward: 'R', no: 1 }))
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  await first.commit()
  expect((await t.db.collection('beds').where({ ward: 'R' }).get()).data).toEqual([{ _id: 'race1', ward: 'R', no: 1 }])
  await t.db.collection('beds').doc('race1').remove()
})

test('snapshot isolation, not serializable: two transactions that each read what the other writes both commit', async () => {
  const _ = t.db.command
  const x = await t.db.startTransaction()
  const y = await t.db.startTransaction()
  const total = async (tx: typeof x) =>
    (
      (
        await tx
          .collection('accounts')
          .where({ balance: _.gte(0) })
          .get()
      ).data as Array<{ balance: number }>
    ).reduce((n, d) => n + d.balance, 0)
  expect(await total(x)).toBe(100)
  expect(await total(y)).toBe(100)
  await x
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-100) })
  await y
    .collection('accounts')
    .doc('b')
    .update({ balance: _.inc(-100) })
  await x.commit()
  await y.commit()
  expect(await balance('a')).toBe(0)
  expect(await balance('b')).toBe(-100)
})

test('a plain write to a document an open transaction has written waits for it to end, then applies on top', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await tx
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-30) })
  let plainDone = false
  const plain = t.db
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(1) })
    .then((r) => {
      plainDone = true
      return r
    })
  await new Promise((r) => setTimeout(r, 50))
  expect(plainDone).toBe(false)
  await tx.commit()
  expect((await plain).updated).toBe(1)
  expect(await balance('a')).toBe(71)
})

test('a write on a finished transaction is refused as CloudBase words it', async () => {
  const _ = t.db.command
  const tx = await t.db.startTransaction()
  await tx.collection('accounts').doc('a').get()
  await tx.commit()
  const err = await caught(
    tx
      .collection('accounts')
      .doc('a')
      .update({ balance: _.inc(1) })
  )
  expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(err.message).toBe(
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
  )
  const read = await caught(tx.collection('accounts').doc('a').get())
  expect(read.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(await balance('a')).toBe(100)
})

test('many concurrent transfers, some conflicting, with plain deposits alongside: no money appears or vanishes', async () => {
  const _ = t.db.command
  const ids = ['w0', 'w1', 'w2', 'w3', 'w4']
  for (const id of ids) await t.db.collection('wallets').doc(id).set({ balance: 1000 })
  let seed = 42
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const pause = () => new Promise((r) => setTimeout(r, rand(3)))
  let deposited = 0
  const transfers = Array.from({ length: 40 }, () => {
    const from = ids[rand(5)]
    const to = ids[(ids.indexOf(from) + 1 + rand(4)) % 5]
    const amount = 1 + rand(50)
    return t.db
      .runTransaction(async (tx: Transaction) => {
        const a = (await tx.collection('wallets').doc(from).get()).data as { balance: number }
        await pause()
        const b = (await tx.collection('wallets').doc(to).get()).data as { balance: number }
        await tx
          .collection('wallets')
          .doc(from)
          .set({ balance: a.balance - amount })
        await pause()
        await tx
          .collection('wallets')
          .doc(to)
          .set({ balance: b.balance + amount })
      })
      .then(
        () => 'ok',
        (e: { code?: string }) => e.code
      )
  })
  const deposits = Array.from({ length: 20 }, async () => {
    await pause()
    await t.db
      .collection('wallets')
      .doc(ids[rand(5)])
      .update({ balance: _.inc(10) })
    deposited += 10
  })
  const outcomes = await Promise.all([...transfers, ...deposits])
  expect(outcomes.filter((o) => typeof o === 'string' && o !== 'ok' && o !== 'DATABASE_TRANSACTION_CONFLICT')).toEqual([])
  // Under load every transfer of the burst may lose to another (first writer wins); what must hold
  // is that none is half-applied, and that the engine is not wedged: a lone transfer then commits.
  await t.db.runTransaction(async (tx: Transaction) => {
    const a = (await tx.collection('wallets').doc(ids[0]).get()).data as { balance: number }
    const b = (await tx.collection('wallets').doc(ids[1]).get()).data as { balance: number }
    await tx
      .collection('wallets')
      .doc(ids[0])
      .set({ balance: a.balance - 1 })
    await tx
      .collection('wallets')
      .doc(ids[1])
      .set({ balance: b.balance + 1 })
  })
  const all = (await t.db.collection('wallets').get()).data as Array<{ balance: number }>
  expect(all.reduce((n, w) => n + w.balance, 0)).toBe(5000 + deposited)
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

test('a transaction left open too long is aborted: its writes are dropped, and only writers of its documents wait for it', async () => {
  const _ = t.db.command
  const stale = await t.db.startTransaction()
  await stale
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(-99) })
  const started = Date.now()
  // Another transaction on another document does not wait at all.
  await t.db.runTransaction(async (tx: Transaction) => {
    await tx
      .collection('accounts')
      .doc('b')
      .update({ balance: _.inc(1) })
  })
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2)
  // A plain write to the document it holds waits until the timeout ends it.
  await t.db
    .collection('accounts')
    .doc('a')
    .update({ balance: _.inc(1) })
  expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 100)
  const err = await caught(stale.commit())
  expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(await balance('a')).toBe(101)
  expect(await balance('b')).toBe(1)
})
