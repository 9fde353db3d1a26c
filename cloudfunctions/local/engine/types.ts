/** Shapes shared by the embedded engine's modules. */

/** A stored document: plain data (numbers, strings, booleans, null, Date, arrays, nested objects). */
export type Doc = Record<string, unknown>

/** CloudBase document ids are strings; the SDK also lets `doc(123)` address a numeric id. */
export type DocId = string | number

export interface IndexKey {
  field: string
  direction: 1 | -1
}

export interface IndexDef {
  name: string
  keys: IndexKey[]
  unique?: boolean
  sparse?: boolean
}

/** The same manifest the deploy script applies to real CloudBase. */
export interface IndexManifest {
  collections: Array<{ name: string; indexes?: IndexDef[] }>
}

export interface ReadOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

export interface ModifyOptions {
  multi: boolean
  /** true: `data` is an update with operators; false: `data` replaces the document (doc().set()). */
  merge: boolean
  upsert: boolean
}

export interface ModifyResult {
  updated: number
  upsertId?: DocId
  /** Only for modifyAndReturnDoc: the document after the update. */
  doc?: Doc | null
}
