/**
 * Durability: data in the data dir survives close/reopen and a SIGKILL of the process; an acknowledged write is
 * never lost; a transaction is applied entirely or not at all.
 */
import { spawn } from 'child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { join, resolve } from 'path'
import { Engine } from '../../cloudfunctions/local/engine'
import { caught, openEngine, tempDir, type EngineUnderTest } from './helpers'

const REPO = resolve(__dirname, '../..')

test('data, dates and unique indexes survive close and reopen', async () => {
  let t: EngineUnderTest = await openEngine()
  await t.engine.ensureIndexes({
    collections: [{ name: 'people', indexes: [{ name: 'phone_unique', keys: [{ field: 'phone', direction: 1 }], unique: true }] }]
  })
  const { id } = await t.db.collection('people').add({ phone: '138', born: new Date(Date.UTC(1990, 4, 17)), tags: ['a'], n: 1.5 })
  await t.db
    .collection('people')
    .doc(id as string)
    .update({ n: t.db.command.inc(1) })
  await t.db.collection('people').add({ phone: 'gone' })
  await t.db.collection('people').where({ phone: 'gone' }).remove()
  expect(existsSync(join(t.dataDir, 'people.db'))).toBe(true)

  t = await t.reopen()
  try {
    const res = await t.db.collection('people').get()
    expect(res.data).toEqual([{ _id: id, phone: '138', born: new Date(Date.UTC(1990, 4, 17)), tags: ['a'], n: 2.5 }])
    expect((res.data[0] as { born: Date }).born.toISOString()).toBe('1990-05-17T00:00:00.000Z')
    // The unique index was declared before the restart and still holds without declaring it again.
    expect((await caught(t.db.collection('people').add({ phone: '138' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    await t.engine.compact()
    expect((await t.db.collection('people').count()).total).toBe(1)
  } finally {
    await t.close()
  }
})

test('a second engine on the same data dir is refused while the first is open', async () => {
  const dataDir = tempDir()
  const first = await Engine.open({ dataDir })
  await expect(Engine.open({ dataDir })).rejects.toThrow(/already open/)
  await first.close()
  const again = await Engine.open({ dataDir })
  await again.close()
  rmSync(dataDir, { recursive: true, force: true })
})

test('a commit interrupted by a crash is finished from the journal on the next open', async () => {
  const dataDir = tempDir()
  const first = await Engine.open({ dataDir })
  await first.close()
  // What a commit of two documents leaves behind if the process dies right after writing its journal entry.
  const journal = {
    ops: [
      { c: 'wards', id: JSON.stringify({ id: 'w1' }), doc: JSON.stringify({ _id: 'w1', beds: { $numberInt: '3' } }) },
      { c: 'wards', id: JSON.stringify({ id: 'w2' }), doc: JSON.stringify({ _id: 'w2', beds: { $numberInt: '4' } }) }
    ]
  }
  writeFileSync(join(dataDir, '_journal.log'), JSON.stringify(journal) + '\n')
  const t = await openEngine({}, dataDir)
  try {
    expect((await t.db.collection('wards').get()).data).toEqual([
      { _id: 'w1', beds: 3 },
      { _id: 'w2', beds: 4 }
    ])
    expect(readFileSync(join(dataDir, '_journal.log'), 'utf8')).toBe('')
  } finally {
    await t.close()
  }
})

test('a process killed with SIGKILL mid-burst loses no acknowledged write, and no transaction half-applies', async () => {
  const dataDir = tempDir('engine-crash-')
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'crash-child.ts'), dataDir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const acked: string[] = []
  const pairs: Array<[string, string]> = []
  let stderr = ''
  let buffer = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) => child.on('exit', (_code, signal) => resolveExit(signal)))
  await new Promise<void>((resolveKilled, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`child did not write enough in time; stderr: ${stderr}`))
    }, 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const [kind, a, b] = line.split(' ')
        if (kind === 'id') acked.push(a)
        if (kind === 'pair') pairs.push([a, b])
      }
      if (acked.length >= 600 && pairs.length >= 20 && !child.killed) {
        child.kill('SIGKILL')
        clearTimeout(timer)
        resolveKilled()
      }
    })
    child.on('exit', () => {
      clearTimeout(timer)
      if (!child.killed) reject(new Error(`child exited by itself; stderr: ${stderr}`))
    })
  })
  expect(await exited).toBe('SIGKILL')

  const t = await openEngine({}, dataDir)
  try {
    const _ = t.db.command
    const wanted = [...acked, ...pairs.flat()]
    const found = new Set<string>()
    for (let i = 0; i < wanted.length; i += 1000) {
      const res = await t.db
        .collection('burst')
        .where({ _id: _.in(wanted.slice(i, i + 1000)) })
        .limit(1000)
        .get()
      for (const doc of res.data as Array<{ _id: string }>) found.add(doc._id)
    }
    expect(wanted.filter((id) => !found.has(id))).toEqual([])

    // Every transaction is all or nothing, acknowledged or not: each pair number appears exactly twice.
    const pairDocs = await t.engine.handle('database.aggregateDocuments', {
      collectionName: 'burst',
      stages: [
        { stageKey: '$match', stageValue: JSON.stringify({ pair: { $exists: true } }) },
        { stageKey: '$group', stageValue: JSON.stringify({ _id: '$pair', n: { $sum: 1 } }) },
        { stageKey: '$match', stageValue: JSON.stringify({ n: { $ne: 2 } }) }
      ]
    })
    expect(pairDocs).toMatchObject({ data: { list: [] } })
    // The tally each of those transactions raised counts exactly the pairs that are there.
    const pairCount = (
      await t.db
        .collection('burst')
        .where({ pair: _.exists(true) })
        .count()
    ).total as number
    const tally = ((await t.db.collection('burst_tally').doc('tally').get()).data as Array<{ n: number }>)[0]
    expect(tally.n * 2).toBe(pairCount)
    // The unique index still holds after the crash.
    const total = (await t.db.collection('burst').count()).total as number
    expect(total).toBeGreaterThanOrEqual(wanted.length)
  } finally {
    await t.close()
  }
})
