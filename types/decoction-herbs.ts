/**
 * The pharmacist's fast herb entry: one text area, parsed live (and again by the same rules on the
 * server, through the zod schema). Accepts what people actually type on a busy morning:
 *
 *   黄芪 30g            附子 15 先煎           阿胶 10g 烊化
 *   黄芪30 当归15 川芎10  白术12g，茯苓15g、甘草6g   附子(先煎)15g   三七粉3克冲服
 *
 * Herbs are separated by spaces, commas, 顿号 or semicolons, or simply by the next name after a
 * weight. A handling word belongs to the herb it follows (or, at the start of a line, the herb that
 * follows it). Every problem is reported per line in Chinese; a herb listed twice is flagged.
 */

export const HANDLINGS = ['先煎', '后下', '包煎', '另煎', '烊化', '冲服'] as const
export type Handling = (typeof HANDLINGS)[number]

/** Other ways the same handling is written on prescriptions. */
const HANDLING_SYNONYMS: Record<string, Handling> = {
  先下: '先煎',
  后入: '后下',
  布包: '包煎',
  另炖: '另煎',
  烊服: '烊化',
  兑服: '冲服'
}

const HANDLING_WORDS: Array<[string, Handling]> = [
  ...HANDLINGS.map((h) => [h, h] as [string, Handling]),
  ...Object.entries(HANDLING_SYNONYMS)
].sort((a, b) => b[0].length - a[0].length)

export const MAX_HERB_GRAMS = 500
export const MAX_HERBS = 60
export const HERB_NAME_MAX = 12

export interface ParsedHerb {
  name: string
  grams: number
  handling: Handling | null
  /** 1-based line of the text area. */
  line: number
}

export interface ParseIssue {
  line: number
  /** The part of the line the problem is about. */
  text: string
  message: string
}

export interface HerbListParse {
  herbs: ParsedHerb[]
  errors: ParseIssue[]
  /** Names listed more than once (also reported in `errors`, on each later line). */
  duplicates: string[]
}

type Token =
  | { kind: 'name'; text: string }
  | { kind: 'weight'; text: string; grams: number; decimals: number }
  | { kind: 'handling'; text: string; handling: Handling }
  | { kind: 'unknown'; text: string }

const FULL_WIDTH = /[\uff01-\uff5e]/g
const SEPARATORS = /[\s,，、;；。:：/|]+/g
const BRACKETS = /[()（）[\]【】<>《》"'“”‘’]/g
const HAN = /[\u4e00-\u9fa5]/

/** Full-width digits and letters to ASCII, brackets and separators to a space. */
function normalize(line: string): string {
  return line
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(BRACKETS, ' ')
    .replace(SEPARATORS, ' ')
    .trim()
}

function handlingAt(run: string, at: 'start' | 'end'): [string, Handling] | undefined {
  return HANDLING_WORDS.find(([word]) => (at === 'start' ? run.startsWith(word) : run.endsWith(word)))
}

/** A run of Chinese characters: a herb name, a handling word, or a name with handling words glued on. */
function splitHan(run: string, out: Token[]): void {
  const before: Token[] = []
  const after: Token[] = []
  let rest = run
  for (let hit = handlingAt(rest, 'start'); hit && rest.length > 0; hit = handlingAt(rest, 'start')) {
    before.push({ kind: 'handling', text: hit[0], handling: hit[1] })
    rest = rest.slice(hit[0].length)
  }
  for (let hit = handlingAt(rest, 'end'); hit && rest.length > 0; hit = handlingAt(rest, 'end')) {
    after.unshift({ kind: 'handling', text: hit[0], handling: hit[1] })
    rest = rest.slice(0, rest.length - hit[0].length)
  }
  out.push(...before)
  if (rest) out.push({ kind: 'name', text: rest })
  out.push(...after)
}

const WEIGHT = /^(\d+(?:\.\d+)?)\s*(g|克)?/i

function tokenize(line: string): Token[] {
  const text = normalize(line)
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === ' ') {
      i++
      continue
    }
    if (/\d/.test(c)) {
      const m = WEIGHT.exec(text.slice(i)) as RegExpExecArray
      const decimals = m[1].includes('.') ? m[1].split('.')[1].length : 0
      tokens.push({ kind: 'weight', text: m[0].trim(), grams: Number(m[1]), decimals })
      i += m[0].length
      continue
    }
    if (HAN.test(c)) {
      let j = i
      while (j < text.length && HAN.test(text[j])) j++
      // 克 right after a weight was taken with it; here it can only be a stray character.
      splitHan(text.slice(i, j), tokens)
      i = j
      continue
    }
    let j = i
    while (j < text.length && text[j] !== ' ' && !HAN.test(text[j])) j++
    tokens.push({ kind: 'unknown', text: text.slice(i, j) })
    i = j
  }
  return tokens
}

interface Draft {
  name: string
  grams?: number
  weightText?: string
  decimals?: number
  handling: Handling | null
}

function checkDraft(d: Draft, line: number, herbs: ParsedHerb[], errors: ParseIssue[]): void {
  if (d.grams === undefined) {
    errors.push({ line, text: d.name, message: `「${d.name}」缺少克数，例如「${d.name} 10g」` })
    return
  }
  if (Array.from(d.name).length > HERB_NAME_MAX) {
    errors.push({ line, text: d.name, message: `「${d.name}」不像一味药名（最多${HERB_NAME_MAX}个字），药名之间请用空格或逗号隔开` })
    return
  }
  if (d.grams <= 0) {
    errors.push({ line, text: `${d.name} ${d.weightText}`, message: `「${d.name}」的克数应大于0` })
    return
  }
  if (d.grams > MAX_HERB_GRAMS) {
    errors.push({ line, text: `${d.name} ${d.weightText}`, message: `「${d.name}」${d.grams}克过大，单味药最多${MAX_HERB_GRAMS}克` })
    return
  }
  if ((d.decimals ?? 0) > 2) {
    errors.push({ line, text: `${d.name} ${d.weightText}`, message: `「${d.name}」的克数最多保留两位小数` })
    return
  }
  herbs.push({ name: d.name, grams: d.grams, handling: d.handling, line })
}

function parseLine(raw: string, line: number, herbs: ParsedHerb[], errors: ParseIssue[]): void {
  let current: Draft | null = null
  let pending: { text: string; handling: Handling } | null = null
  const close = () => {
    if (current) checkDraft(current, line, herbs, errors)
    current = null
  }
  for (const t of tokenize(raw)) {
    if (t.kind === 'unknown') {
      errors.push({ line, text: t.text, message: `无法识别「${t.text}」，请写成「药名 克数 煎法」，如「附子 15g 先煎」` })
      continue
    }
    if (t.kind === 'name') {
      close()
      current = { name: t.text, handling: pending?.handling ?? null }
      pending = null
      continue
    }
    if (t.kind === 'weight') {
      const c = current as Draft | null
      if (!c) {
        errors.push({ line, text: t.text, message: `「${t.text}」前面缺少药名` })
      } else if (c.grams !== undefined) {
        errors.push({ line, text: t.text, message: `「${c.name}」写了两个克数（${c.weightText}、${t.text}）` })
      } else {
        c.grams = t.grams
        c.weightText = t.text
        c.decimals = t.decimals
      }
      continue
    }
    const c = current as Draft | null
    if (c && c.handling === null) c.handling = t.handling
    else if (c && c.handling !== t.handling)
      errors.push({ line, text: t.text, message: `「${c.name}」写了两种煎法（${c.handling}、${t.handling}）` })
    else if (!c) {
      if (pending) errors.push({ line, text: t.text, message: `「${pending.text}」「${t.text}」后面缺少药名` })
      pending = { text: t.text, handling: t.handling }
    }
  }
  close()
  if (pending) {
    const p = pending as { text: string }
    errors.push({ line, text: p.text, message: `「${p.text}」前后缺少药名` })
  }
}

/** Parses the whole text area. Blank lines are skipped; line numbers count them. */
export function parseHerbList(text: string): HerbListParse {
  const herbs: ParsedHerb[] = []
  const errors: ParseIssue[] = []
  text.split(/\r\n|\r|\n/).forEach((raw, i) => parseLine(raw, i + 1, herbs, errors))
  const firstLine = new Map<string, number>()
  const duplicates: string[] = []
  for (const h of herbs) {
    const seen = firstLine.get(h.name)
    if (seen === undefined) {
      firstLine.set(h.name, h.line)
      continue
    }
    if (!duplicates.includes(h.name)) duplicates.push(h.name)
    errors.push({ line: h.line, text: h.name, message: `「${h.name}」重复，第${seen}行已经写过` })
  }
  if (herbs.length > MAX_HERBS)
    errors.push({ line: herbs[MAX_HERBS].line, text: herbs[MAX_HERBS].name, message: `一张处方最多${MAX_HERBS}味药` })
  errors.sort((a, b) => a.line - b.line)
  return { herbs, errors, duplicates }
}

/** Back to the text a pharmacist would type, one herb per line (e.g. to edit a saved list). */
export function formatHerbList(herbs: ReadonlyArray<{ name: string; grams: number; handling: Handling | null }>): string {
  return herbs.map((h) => `${h.name} ${h.grams}g${h.handling ? ` ${h.handling}` : ''}`).join('\n')
}

/** Total weight of one dose, for the check table (rounded to 0.01 g). */
export function gramsPerDose(herbs: ReadonlyArray<{ grams: number }>): number {
  return Math.round(herbs.reduce((sum, h) => sum + h.grams, 0) * 100) / 100
}

/** The special handlings a list uses, in the fixed order of HANDLINGS, each with its herbs. */
export function handlingGroups(
  herbs: ReadonlyArray<{ name: string; handling: Handling | null }>
): Array<{ handling: Handling; herbs: string[] }> {
  return HANDLINGS.map((handling) => ({ handling, herbs: herbs.filter((h) => h.handling === handling).map((h) => h.name) })).filter(
    (g) => g.herbs.length > 0
  )
}

/** The server's check of a herb name that did not come through the parser (same rules). */
export function herbNameProblem(name: string): string | null {
  if (!/^[\u4e00-\u9fa5]+$/.test(name)) return '药名只能是汉字'
  if (Array.from(name).length > HERB_NAME_MAX) return `药名最多${HERB_NAME_MAX}个字`
  if (HANDLING_WORDS.some(([word]) => word === name)) return `「${name}」是煎法，不是药名`
  return null
}
