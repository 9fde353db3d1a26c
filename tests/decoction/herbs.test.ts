import { formatHerbList, gramsPerDose, handlingGroups, herbNameProblem, parseHerbList } from '../../types/decoction-herbs'

const herbsOf = (text: string) => parseHerbList(text).herbs.map((h) => [h.name, h.grams, h.handling])

const HERB_NAMES =
  '黄芪 党参 白术 茯苓 甘草 当归 川芎 白芍 熟地 桂枝 柴胡 黄芩 半夏 陈皮 枳壳 厚朴 木香 砂仁 香附 郁金 丹参 红花 桃仁 赤芍 牛膝 杜仲 续断 桑寄生 独活 防风'.split(
    ' '
  )
/** `n` herbs one per line, grams 6-10, 砂仁 后下 (names repeat past thirty). */
const herbLines = (n: number) =>
  Array.from({ length: n }, (_, i) => HERB_NAMES[i % 30])
    .map((name, i) => `${name} ${(i % 5) + 6}g${name === '砂仁' ? ' 后下' : ''}`)
    .join('\n')
/** The fastest of `runs` timings of `work`, in ms, after a warm-up. */
function bestOf(work: () => unknown, runs = 15): number {
  for (let i = 0; i < 3; i++) work()
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint()
    work()
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6)
  }
  return best
}
const errorsOf = (text: string) => parseHerbList(text).errors.map((e) => `${e.line}:${e.message}`)

describe('the fast herb entry reads what a pharmacist types', () => {
  test.each([
    ['黄芪 30g', [['黄芪', 30, null]]],
    ['附子 15 先煎', [['附子', 15, '先煎']]],
    ['阿胶 10g 烊化', [['阿胶', 10, '烊化']]],
    [
      '黄芪30 当归15 川芎10',
      [
        ['黄芪', 30, null],
        ['当归', 15, null],
        ['川芎', 10, null]
      ]
    ],
    [
      '白术12g，茯苓15g、甘草6g',
      [
        ['白术', 12, null],
        ['茯苓', 15, null],
        ['甘草', 6, null]
      ]
    ],
    [
      '白术12g,茯苓15g;甘草6g；大枣10g',
      [
        ['白术', 12, null],
        ['茯苓', 15, null],
        ['甘草', 6, null],
        ['大枣', 10, null]
      ]
    ],
    [
      '黄芪30当归15',
      [
        ['黄芪', 30, null],
        ['当归', 15, null]
      ]
    ],
    ['三七粉3克冲服', [['三七粉', 3, '冲服']]],
    ['附子(先煎)15g', [['附子', 15, '先煎']]],
    ['附子（先煎）15g', [['附子', 15, '先煎']]],
    ['附子先煎15g', [['附子', 15, '先煎']]],
    ['先煎 附子 15g', [['附子', 15, '先煎']]],
    ['生石膏 30g 先下', [['生石膏', 30, '先煎']]],
    ['砂仁 6g 后入', [['砂仁', 6, '后下']]],
    ['车前子 15g 布包', [['车前子', 15, '包煎']]],
    ['人参 10g 另炖', [['人参', 10, '另煎']]],
    ['薄荷 6 g 后下', [['薄荷', 6, '后下']]],
    ['细辛 3G', [['细辛', 3, null]]],
    ['羚羊角粉 0.3g 冲服', [['羚羊角粉', 0.3, '冲服']]],
    ['　黄芪　３０ｇ　', [['黄芪', 30, null]]],
    [
      '旋覆花 10g 包煎 代赭石 30g 先煎',
      [
        ['旋覆花', 10, '包煎'],
        ['代赭石', 30, '先煎']
      ]
    ],
    ['黄芪 先煎 30g', [['黄芪', 30, '先煎']]]
  ])('%s', (text, expected) => {
    expect(herbsOf(text)).toEqual(expected)
    expect(parseHerbList(text).errors).toEqual([])
  })

  test('each herb keeps the line it was typed on; blank lines still count', () => {
    const parsed = parseHerbList('黄芪 30g\n\n当归 15g 川芎 10g\r\n附子 9 先煎')
    expect(parsed.herbs.map((h) => [h.name, h.line])).toEqual([
      ['黄芪', 1],
      ['当归', 3],
      ['川芎', 3],
      ['附子', 4]
    ])
  })

  test('an empty text area gives no herbs and no errors', () => {
    expect(parseHerbList('')).toEqual({ herbs: [], errors: [], duplicates: [] })
    expect(parseHerbList('\n  \n')).toEqual({ herbs: [], errors: [], duplicates: [] })
  })

  test('thirty herbs on thirty lines parse, and the parse grows in step with the text (no backtracking blow-up)', () => {
    const text = herbLines(30)
    const parsed = parseHerbList(text)
    expect(parsed.herbs).toHaveLength(30)
    expect(parsed.errors).toEqual([])
    expect(parsed.herbs.find((h) => h.name === '砂仁')?.handling).toBe('后下')
    // A hundred times the text costs about a hundred times as much, not ten thousand (quadratic) or
    // more (a regex backtracking on a long line). Best of several runs of each, so that load on the
    // machine (which spares no run) does not decide it. The time per parse is a bench figure
    // (`npm run bench`, pharmacy section), not a test.
    const long = herbLines(3000)
    const hostile = `${'黄'.repeat(2000)} ${'1'.repeat(2000)}${'g'.repeat(2000)}`
    const small = bestOf(() => parseHerbList(text))
    expect(bestOf(() => parseHerbList(long)) / small).toBeLessThan(1000)
    expect(bestOf(() => parseHerbList(hostile)) / small).toBeLessThan(1000)
  })
})

describe('mistakes are reported per line, in Chinese', () => {
  test('a name without grams', () => {
    expect(errorsOf('黄芪 30g\n当归')).toEqual(['2:「当归」缺少克数，例如「当归 10g」'])
  })

  test('grams without a name', () => {
    expect(errorsOf('30g 黄芪 20g')).toEqual(['1:「30g」前面缺少药名'])
  })

  test('zero and too many grams', () => {
    expect(errorsOf('黄芪 0g')).toEqual(['1:「黄芪」的克数应大于0'])
    expect(errorsOf('黄芪 600g')).toEqual(['1:「黄芪」600克过大，单味药最多500克'])
  })

  test('more than two decimals', () => {
    expect(errorsOf('麝香 0.005g')).toEqual(['1:「麝香」的克数最多保留两位小数'])
  })

  test('two weights for one herb', () => {
    expect(errorsOf('黄芪 30g 20g')).toEqual(['1:「黄芪」写了两个克数（30g、20g）'])
  })

  test('two different handlings for one herb', () => {
    expect(errorsOf('附子 15g 先煎 后下')).toEqual(['1:「附子」写了两种煎法（先煎、后下）'])
  })

  test('a handling with no herb', () => {
    expect(errorsOf('先煎')).toEqual(['1:「先煎」前后缺少药名'])
  })

  test('characters that are not a name, a weight or a handling', () => {
    expect(errorsOf('黄芪 30g x2')).toEqual(['1:无法识别「x2」，请写成「药名 克数 煎法」，如「附子 15g 先煎」'])
    expect(errorsOf('黄芪 30mg')[0]).toContain('无法识别「mg」')
  })

  test('names run together without a weight between them are too long to be one herb', () => {
    expect(errorsOf('黄芪当归川芎白芍熟地桂枝柴胡 30g')[0]).toContain('不像一味药名')
  })

  test('a herb listed twice is flagged on the later line and named in duplicates', () => {
    const parsed = parseHerbList('黄芪 30g\n当归 15g\n黄芪 20g')
    expect(parsed.duplicates).toEqual(['黄芪'])
    expect(parsed.errors).toEqual([{ line: 3, text: '黄芪', message: '「黄芪」重复，第1行已经写过' }])
  })

  test('errors come in line order, and good herbs on a bad line are still read', () => {
    const parsed = parseHerbList('当归\n黄芪 30g 川芎 x 白芍 10g')
    expect(parsed.errors.map((e) => `${e.line}:${e.text}`)).toEqual(['1:当归', '2:x', '2:川芎'])
    expect(parsed.herbs.map((h) => h.name)).toEqual(['黄芪', '白芍'])
  })

  test('more than sixty herbs', () => {
    const text = Array.from(
      { length: 61 },
      (_, i) => `药${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未'[Math.floor(i / 10)]} 3g`
    ).join('\n')
    expect(errorsOf(text)).toEqual(['61:一张处方最多60味药'])
  })
})

describe('helpers around the list', () => {
  const herbs = [
    { name: '附子', grams: 15, handling: '先煎' as const },
    { name: '黄芪', grams: 30.5, handling: null },
    { name: '砂仁', grams: 6, handling: '后下' as const },
    { name: '生石膏', grams: 30, handling: '先煎' as const }
  ]

  test('formatting a saved list gives text that parses back to the same list', () => {
    const text = formatHerbList(herbs)
    expect(text).toBe('附子 15g 先煎\n黄芪 30.5g\n砂仁 6g 后下\n生石膏 30g 先煎')
    expect(parseHerbList(text).herbs.map(({ name, grams, handling }) => ({ name, grams, handling }))).toEqual(herbs)
  })

  test('grams per dose add up to the hundredth', () => {
    expect(gramsPerDose(herbs)).toBe(81.5)
    expect(gramsPerDose([{ grams: 0.1 }, { grams: 0.2 }])).toBe(0.3)
  })

  test('handling groups list each special handling with its herbs, in the fixed order', () => {
    expect(handlingGroups(herbs)).toEqual([
      { handling: '先煎', herbs: ['附子', '生石膏'] },
      { handling: '后下', herbs: ['砂仁'] }
    ])
  })

  test('the server refuses names the parser would never produce', () => {
    expect(herbNameProblem('黄芪')).toBeNull()
    expect(herbNameProblem('Huangqi')).toBe('药名只能是汉字')
    expect(herbNameProblem('先煎')).toBe('「先煎」是煎法，不是药名')
    expect(herbNameProblem('一二三四五六七八九十一二三')).toBe('药名最多12个字')
  })
})
