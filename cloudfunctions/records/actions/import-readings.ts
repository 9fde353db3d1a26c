import { importRow, type MeasureInputZ } from '../../../types/records'
import { zodFields } from '../../../types/zod-zh'
import { now } from '../../common/clock'
import { AppError } from '../../common/errors'
import type { ActionContext } from '../../common/router'
import { getSettings } from '../../common/settings'
import { anyProfile } from '../reads'
import { saveReading } from '../readings'

const CSV_COLUMNS = ['kind', 'systolic', 'diastolic', 'value', 'unit', 'context', 'measuredAt'] as const
const MAX_ROWS = 200

/** CSV with a header row of CSV_COLUMNS (any order); empty cells are left out. */
export function parseCsv(csv: string): unknown[] {
  const lines = csv
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim())
  if (!header.includes('kind') || !header.includes('measuredAt'))
    throw new AppError('INVALID_INPUT', 'CSV 缺少表头', { csv: `表头应包含：${CSV_COLUMNS.join(',')}` })
  if (lines.length > MAX_ROWS) throw new AppError('INVALID_INPUT', `一次最多导入${MAX_ROWS}条`, { csv: `一次最多导入${MAX_ROWS}条` })
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim())
    const row: Record<string, string> = {}
    header.forEach((h, i) => {
      if (cells[i]) row[h] = cells[i]
    })
    const measure: Record<string, unknown> = { kind: row.kind }
    for (const k of ['systolic', 'diastolic', 'value'] as const) if (row[k] !== undefined) measure[k] = Number(row[k])
    if (row.unit) measure.unit = row.unit
    if (row.context) measure.context = row.context
    return { measure, measuredAt: row.measuredAt }
  })
}

function rowError(i: number, fields: Record<string, string>) {
  const [field, message] = Object.entries(fields)[0] ?? ['_', '数据有误']
  return { row: i + 1, field, message }
}

/**
 * Staff import a device's export. Each row is judged like a typed reading; a row already imported
 * (same patient, kind and time) is counted as a duplicate, so re-importing a file changes nothing.
 */
export async function importReadings(input: { profileId: string; rows?: unknown[]; csv?: string }, ctx: ActionContext) {
  const { accountId } = ctx.user()
  const profile = await anyProfile(input.profileId)
  const rules = (await getSettings()).records
  const rows = input.rows ?? parseCsv(input.csv ?? '')
  const at = now()
  const out = { imported: 0, duplicates: 0, errors: [] as Array<{ row: number; field: string; message: string }>, tasksOpened: 0 }
  const opened = new Set<string>()
  for (const [i, raw] of rows.entries()) {
    const parsed = importRow.safeParse(raw)
    if (!parsed.success) {
      out.errors.push(rowError(i, zodFields(parsed.error)))
      continue
    }
    const row = parsed.data as { measure: MeasureInputZ; measuredAt: string }
    try {
      const saved = await saveReading(
        {
          profile,
          measure: row.measure,
          measuredAt: row.measuredAt,
          source: 'device',
          enteredBy: accountId,
          key: `device:${profile._id}:${row.measure.kind}:${new Date(row.measuredAt).toISOString()}`
        },
        rules,
        at
      )
      if (saved.duplicate) out.duplicates++
      else out.imported++
      if (saved.task && !opened.has(saved.task._id) && saved.task.createdAt === saved.doc.createdAt) opened.add(saved.task._id)
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'INVALID_INPUT') throw err
      out.errors.push(rowError(i, err.fields ?? { _: err.message }))
    }
  }
  out.tasksOpened = opened.size
  await ctx.audit({
    target: `profile:${profile._id}`,
    detail: { imported: out.imported, duplicates: out.duplicates, errors: out.errors.length }
  })
  return out
}
