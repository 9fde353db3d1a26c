/**
 * Files (photos of a wound, a nurse's photo): one interface, two homes. In the cloud, CloudBase
 * storage through the SDK; on the embedded host, a folder under DATA_DIR. The host and tests pick
 * the local one with `setStorage`, the way `setDatabaseRequester` swaps the database transport;
 * business code never knows which it has.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { getApp } from './db'

export interface FileStorage {
  /** Stores bytes at a path like `nursing/<account>/<sha>.jpg`; returns the file id to keep. */
  upload(cloudPath: string, content: Buffer): Promise<string>
  /** A URL the app can show for a while. */
  url(fileId: string, contentType?: string): Promise<string>
}

export const cloudStorage: FileStorage = {
  async upload(cloudPath, content) {
    const res = await getApp().uploadFile({ cloudPath, fileContent: content })
    return res.fileID as string
  },
  async url(fileId) {
    const res = await getApp().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: 3600 }] })
    const first = res.fileList[0] as { tempFileURL?: string } | undefined
    return first?.tempFileURL ?? ''
  }
}

const LOCAL_PREFIX = 'local://'

/**
 * Files in a folder; the URL is a data: URL, so the H5 app shows them without a file route on
 * the host (photos are capped in size by the setting that limits uploads).
 */
export function localFolderStorage(root: string): FileStorage {
  const pathOf = (cloudPath: string) => {
    const p = normalize(join(root, cloudPath))
    if (!p.startsWith(normalize(root))) throw new Error(`file path escapes storage: ${cloudPath}`)
    return p
  }
  return {
    async upload(cloudPath, content) {
      const p = pathOf(cloudPath)
      mkdirSync(dirname(p), { recursive: true })
      writeFileSync(p, content)
      return `${LOCAL_PREFIX}${cloudPath}`
    },
    async url(fileId, contentType = fileId.endsWith('.png') ? 'image/png' : 'image/jpeg') {
      if (!fileId.startsWith(LOCAL_PREFIX)) return ''
      try {
        return `data:${contentType};base64,${readFileSync(pathOf(fileId.slice(LOCAL_PREFIX.length))).toString('base64')}`
      } catch {
        return ''
      }
    }
  }
}

let current: FileStorage | undefined

/** Called by the local host and tests only. */
export function setStorage(s: FileStorage | undefined): void {
  current = s
}

export function storage(): FileStorage {
  return current ?? cloudStorage
}
