/**
 * The commit journal: before a transaction's changes to several documents are applied, they are written to
 * `_journal.log`; after, the file is emptied. If the process dies in between, the next open applies the changes
 * again (each is "this id now holds this document / nothing", so applying twice is harmless). A torn journal
 * means the commit never started applying.
 */
import { existsSync, promises as fs } from 'fs'
import { join } from 'path'
import type { WriteOp } from './collection'
import { parseWire, toWire } from './ejson'
import type { Doc, DocId } from './types'

export const JOURNAL_FILE = '_journal.log'

interface JournalOp {
  c: string
  id: string
  doc: string | null
}

export interface JournalChange {
  collection: string
  id: DocId
  after: Doc | null
}

export class Journal {
  private readonly file: string | null

  constructor(dataDir: string | null) {
    this.file = dataDir ? join(dataDir, JOURNAL_FILE) : null
  }

  async write(groups: Array<{ collection: { name: string }; ops: WriteOp[] }>): Promise<void> {
    if (!this.file) return
    const ops: JournalOp[] = []
    for (const { collection, ops: list } of groups) {
      for (const op of list) ops.push({ c: collection.name, id: toWire({ id: op.id }), doc: op.after ? toWire(op.after) : null })
    }
    await fs.writeFile(this.file, JSON.stringify({ ops }) + '\n')
  }

  async clear(): Promise<void> {
    if (!this.file) return
    await fs.writeFile(this.file, '')
  }

  /** The changes of an interrupted commit, or nothing. */
  async pending(): Promise<JournalChange[]> {
    if (!this.file || !existsSync(this.file)) return []
    const text = (await fs.readFile(this.file, 'utf8')).trim()
    if (!text) return []
    let entry: { ops: JournalOp[] }
    try {
      entry = JSON.parse(text) as { ops: JournalOp[] }
    } catch {
      return []
    }
    const now = Date.now()
    return entry.ops.map((op) => ({
      collection: op.c,
      id: (parseWire(op.id, now, 'document') as { id: DocId }).id,
      after: op.doc === null ? null : (parseWire(op.doc, now, 'document') as Doc)
    }))
  }
}
