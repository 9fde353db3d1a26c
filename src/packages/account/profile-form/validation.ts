import { FIELD_LABELS, profileInput } from '../../../../types/account'
import type { ZodError } from 'zod'

export type ProfileField = 'name' | 'idNumber' | 'phone' | 'relation'
export const PROFILE_FIELDS: readonly ProfileField[] = ['name', 'idNumber', 'phone', 'relation']

export interface ProfileValues {
  name: string
  idNumber: string
  phone: string
  relation: string
}

export type FieldErrors = Partial<Record<string, string>>

/** First message per top-level field, as the server reports them in `error.fields`. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '')
    if (key && !out[key]) out[key] = issue.message
  }
  return out
}

/** The same schema the server parses with, field by field, with a plain message for blanks. */
export function validateField(field: ProfileField, value: string): string | undefined {
  if (value.trim() === '') return field === 'relation' ? '请选择与本人的关系' : `请填写${FIELD_LABELS[field]}`
  const result = profileInput.shape[field].safeParse(value)
  return result.success ? undefined : result.error.issues[0]?.message
}

export function validateAll(values: ProfileValues): FieldErrors {
  const out: FieldErrors = {}
  for (const f of PROFILE_FIELDS) {
    const message = validateField(f, values[f])
    if (message) out[f] = message
  }
  return out
}
