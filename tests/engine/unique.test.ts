/**
 * Unique indexes from the deploy manifest: a duplicate key is refused with CloudBase's error
 * (code DATABASE_DUPLICATE_WRITE, "E11000 duplicate key ..." message) and nothing is written, also under concurrency.
 */
import { caught, openEngine, type EngineUnderTest } from './helpers'

let t: EngineUnderTest

beforeAll(async () => {
  t = await openEngine()
  await t.engine.ensureIndexes({
    collections: [
      { name: 'accounts', indexes: [{ name: 'openid_unique', keys: [{ field: 'openid', direction: 1 }], unique: true }] },
      {
        name: 'appointments',
        indexes: [
          {
            name: 'patient_slot_unique',
            keys: [
              { field: 'patientId', direction: 1 },
              { field: 'slot.id', direction: 1 }
            ],
            unique: true
          },
          { name: 'status', keys: [{ field: 'status', direction: 1 }] }
        ]
      },
      { name: 'cards', indexes: [{ name: 'card_no', keys: [{ field: 'cardNo', direction: 1 }], unique: true, sparse: true }] }
    ]
  })
})

afterAll(async () => {
  await t.close()
})

async function count(collection: string, where: Record<string, unknown> = {}): Promise<number> {
  return (await t.db.collection(collection).where(where).count()).total as number
}

test('a duplicate key on a unique index is refused with the CloudBase error, and nothing is written', async () => {
  await t.db.collection('accounts').add({ openid: 'o-1', name: 'first' })
  const err = await caught(t.db.collection('accounts').add({ openid: 'o-1', name: 'second' }))
  expect(err).toBeInstanceOf(Error)
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(err.message).toMatch(/^E11000 duplicate key error collection: accounts index: openid_unique dup key: \{ openid: "o-1" \}$/)
  expect(typeof err.requestId).toBe('string')
  expect(await count('accounts', { openid: 'o-1' })).toBe(1)
  expect((await t.db.collection('accounts').where({ openid: 'o-1' }).get()).data).toMatchObject([{ name: 'first' }])
})

test('a compound unique index allows the same patient in another slot but not the same pair twice', async () => {
  await t.db.collection('appointments').add({ patientId: 'p1', slot: { id: 's1' }, status: 'booked' })
  await t.db.collection('appointments').add({ patientId: 'p1', slot: { id: 's2' }, status: 'booked' })
  await t.db.collection('appointments').add({ patientId: 'p2', slot: { id: 's1' }, status: 'booked' })
  const err = await caught(t.db.collection('appointments').add({ patientId: 'p1', slot: { id: 's1' }, status: 'booked' }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(err.message).toContain('index: patient_slot_unique')
  expect(await count('appointments', { patientId: 'p1' })).toBe(2)
})

test('50 concurrent inserts of the same key: exactly one succeeds', async () => {
  const attempts = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => t.db.collection('appointments').add({ patientId: 'rush', slot: { id: 'hot' }, n: i }))
  )
  const ok = attempts.filter((a) => a.status === 'fulfilled')
  const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')
  expect(ok).toHaveLength(1)
  expect(refused).toHaveLength(49)
  for (const r of refused) expect((r.reason as { code: string }).code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await count('appointments', { patientId: 'rush' })).toBe(1)
})

test('an update that would duplicate a key is refused and the document keeps its old value', async () => {
  const { id } = await t.db.collection('appointments').add({ patientId: 'p3', slot: { id: 's9' } })
  const err = await caught(
    t.db
      .collection('appointments')
      .doc(id as string)
      .update({ patientId: 'p1', slot: { id: 's1' } })
  )
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(
    (
      await t.db
        .collection('appointments')
        .doc(id as string)
        .get()
    ).data
  ).toMatchObject([{ patientId: 'p3', slot: { id: 's9' } }])
})

test('doc().set that would duplicate a key is refused', async () => {
  const err = await caught(t.db.collection('accounts').doc('fresh').set({ openid: 'o-1' }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect((await t.db.collection('accounts').doc('fresh').get()).data).toEqual([])
})

test('a multi-document update that would give two documents the same key changes neither', async () => {
  await t.db.collection('accounts').add([
    { openid: 'm-1', group: 'g' },
    { openid: 'm-2', group: 'g' }
  ])
  const err = await caught(t.db.collection('accounts').where({ group: 'g' }).update({ openid: 'm-same' }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await count('accounts', { group: 'g', openid: t.db.command.in(['m-1', 'm-2']) })).toBe(2)
})

test('a batch add with a duplicate writes none of the batch', async () => {
  const inBatch = await caught(t.db.collection('accounts').add([{ openid: 'b-1' }, { openid: 'b-2' }, { openid: 'b-1' }]))
  expect(inBatch.code).toBe('DATABASE_DUPLICATE_WRITE')
  const againstStored = await caught(t.db.collection('accounts').add([{ openid: 'b-3' }, { openid: 'o-1' }]))
  expect(againstStored.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await count('accounts', { openid: t.db.command.in(['b-1', 'b-2', 'b-3']) })).toBe(0)
})

test('a duplicate _id is the same error', async () => {
  await t.db.collection('requests').add({ _id: 'req-1', status: 'pending' })
  const err = await caught(t.db.collection('requests').add({ _id: 'req-1', status: 'pending' }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(err.message).toContain('index: _id_')
})

test('50 concurrent claims of the same _id: exactly one succeeds', async () => {
  const attempts = await Promise.allSettled(Array.from({ length: 50 }, () => t.db.collection('requests').add({ _id: 'req-race' })))
  expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
})

test('a key becomes free again once its holder is removed or changed', async () => {
  await t.db.collection('accounts').where({ openid: 'o-1' }).remove()
  await t.db.collection('accounts').add({ openid: 'o-1', name: 'again' })
  await t.db.collection('accounts').where({ openid: 'o-1' }).update({ openid: 'o-1b' })
  await t.db.collection('accounts').add({ openid: 'o-1', name: 'third' })
  expect(await count('accounts', { openid: t.db.command.in(['o-1', 'o-1b']) })).toBe(2)
})

test('a missing field counts as null on a unique index, unless the index is sparse', async () => {
  await t.db.collection('accounts').add({ name: 'no openid' })
  const err = await caught(t.db.collection('accounts').add({ name: 'also no openid' }))
  expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
  await t.db.collection('cards').add([{ name: 'a' }, { name: 'b' }, { cardNo: 'C1' }])
  expect((await caught(t.db.collection('cards').add({ cardNo: 'C1' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
  expect(await count('cards')).toBe(3)
})

test('declaring a unique index over data that already has duplicates fails', async () => {
  await t.db.collection('legacy').add([{ code: 'x' }, { code: 'x' }])
  await expect(
    t.engine.ensureIndexes({
      collections: [{ name: 'legacy', indexes: [{ name: 'code_unique', keys: [{ field: 'code', direction: 1 }], unique: true }] }]
    })
  ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
})
