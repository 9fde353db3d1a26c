/**
 * One engine per data dir: two engines appending to the same files would corrupt them. The lock is a
 * `_lock` file holding the owner's pid; a lock whose process is gone (e.g. killed) is taken over.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'fs'
import { join } from 'path'
import { EngineError, ErrorCode } from './errors'

const heldHere = new Set<string>()

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return false // a lock left by an earlier life of this pid (container restart)
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, '_lock')
  if (heldHere.has(dataDir)) throw new EngineError(ErrorCode.DATABASE_REQUEST_FAILED, `data dir ${dataDir} is already open in this process`)
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim())
    if (alive(pid)) throw new EngineError(ErrorCode.DATABASE_REQUEST_FAILED, `data dir ${dataDir} is in use by process ${pid}`)
  }
  writeFileSync(file, String(process.pid))
  heldHere.add(dataDir)
  return () => {
    heldHere.delete(dataDir)
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file)
    } catch {
      // already gone
    }
  }
}
