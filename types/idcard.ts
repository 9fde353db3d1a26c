/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit area, 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type Sex = 'male' | 'female'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** Returns the Chinese reason an ID number is not valid, or null when it is. */
export function idNumberProblem(raw: string, today: Date = new Date()): string | null {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return '应为18位，最后一位可以是数字或X'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return '出生日期不正确'
  }
  if (birth.getTime() > today.getTime()) return '出生日期不能晚于今天'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '校验位不正确，请核对号码'
  return null
}

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase()
}

export function sexFromId(id: string): Sex {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female'
}

/** YYYY-MM-DD */
export function birthDateFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** 370***********123X: area prefix and last four kept. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{2})/g, '*')
}

/** 王*英 / 李* */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}
