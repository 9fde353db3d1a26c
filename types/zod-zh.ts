/**
 * Chinese messages for zod's built-in checks, naming the field, so that a bad input reads
 * 「手机号：不能为空」 on the phone of a patient and in the server's `fields`.
 * Schemas with their own message keep it.
 */
import { z } from 'zod'

let labels: Record<string, string> = {}

export function registerFieldLabels(more: Record<string, string>): void {
  labels = { ...labels, ...more }
}

export function fieldLabel(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]
    if (typeof key === 'string' && labels[key]) return labels[key]
  }
  return path.length ? String(path.join('.')) : '输入'
}

export const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  const label = fieldLabel(issue.path)
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null') return { message: `请填写${label}` }
      return { message: `${label}格式不正确` }
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: `${label}至少${issue.minimum}个字` }
      if (issue.type === 'array') return { message: `${label}至少选择${issue.minimum}项` }
      return { message: `${label}不能小于${issue.minimum}` }
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `${label}最多${issue.maximum}个字` }
      if (issue.type === 'array') return { message: `${label}最多${issue.maximum}项` }
      return { message: `${label}不能大于${issue.maximum}` }
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: `请选择有效的${label}` }
    case z.ZodIssueCode.invalid_string:
    case z.ZodIssueCode.invalid_date:
      return { message: `${label}格式不正确` }
    default:
      return { message: ctx.defaultError && /[\u4e00-\u9fa5]/.test(ctx.defaultError) ? ctx.defaultError : `${label}不正确` }
  }
}

z.setErrorMap(zhErrorMap)

/** Flattens a zod error into `{ field: message }`, first message per field. */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const k of issue.keys) fields[k] ??= '不认识的字段'
      continue
    }
    fields[key] ??= issue.message
  }
  return fields
}
