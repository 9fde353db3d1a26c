/**
 * 健康档案与随访 in Chromium at phone size against the H5 build, the story: 李梅 types her
 * father's blood pressure the wrong way round and is told so under the field; then enters three
 * readings over his 150/90 target for 李德福, measured the day before yesterday, yesterday and now
 * (the time set on the form's picker); the third opens a "three high readings" task. The follow-up
 * doctor 郑国华 finds it on his console with the three readings, records a phone follow-up of the
 * national form, and from the task books 李德福 an expert (随访转诊, booking.referralBook). 李梅 is
 * told, sees the chart with its threshold bands, and the timeline leads with the visit to come.
 * Both then read the same screens in 长辈模式.
 */
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import {
  button,
  ensureH5Build,
  fontSizePx,
  launchBrowser,
  onScreen,
  openPhone,
  snap,
  startAppHost,
  turnWheel,
  waitForAction,
  type AppHost
} from './helpers'

jest.setTimeout(300_000)

async function signIn(page: Page, url: string, name: string) {
  await page.goto(url)
  await onScreen(page, '.login__account', name).click()
  await onScreen(page, '.home__hello').waitFor()
}

const openEntry = (page: Page, title: string) => onScreen(page, '.home__entry', title).click()
const field = (page: Page, name: string) => onScreen(page, `.field[data-field="${name}"]`)
const segment = (page: Page, name: string, label: string) => onScreen(page, `.segments[data-name="${name}"] .segments__item`, label)

/** [year, month, day] on China's calendar `days` from today. */
function chinaDate(days: number): [number, number, number] {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date(Date.now() + days * 86400_000))
    .split('-')
    .map(Number)
  return [y, m, d]
}

/** The date 14 days after today on China's calendar, as the screens write it (2026年12月14日). */
function inTwoWeeks(): string {
  const [y, m, d] = chinaDate(14)
  return `${y}年${m}月${d}日`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Sets the reading form's 测量时间 `daysAgo` days back at the same time of day, on its picker's wheels. */
async function measuredDaysAgo(page: Page, daysAgo: number) {
  const [y, m, d] = chinaDate(-daysAgo)
  const [ty, tm] = chinaDate(0)
  await field(page, 'measuredAt').locator('.rec-pick').click()
  await onScreen(page, '.nut-picker').first().waitFor()
  if (y !== ty) await turnWheel(page, 0, `${y}年`)
  if (y !== ty || m !== tm) await turnWheel(page, 1, `${pad(m)}月`)
  await turnWheel(page, 2, `${pad(d)}日`)
  await onScreen(page, '.nut-picker-confirm-btn').first().click()
  await onScreen(page, '.nut-picker')
    .first()
    .waitFor({ state: 'hidden' })
    .catch(() => undefined)
  await expect(field(page, 'measuredAt').locator('.rec-pick').textContent()).resolves.toContain(`${y}-${pad(m)}-${pad(d)}`)
}

/** Scrolls the chart into view for a screenshot of it. */
async function snapChart(page: Page, name: string) {
  await onScreen(page, '.trends').first().scrollIntoViewIfNeeded()
  await onScreen(page, '.trends__title')
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await snap(page, name)
}

/** F2 has drawn on the chart's canvas (it draws once the canvas is laid out): count the pixels that are not blank. */
async function expectChartDrawn(page: Page) {
  const canvas = onScreen(page, '.trend-chart__canvas canvas, canvas.trend-chart__canvas').first()
  await canvas.waitFor()
  const count = () =>
    canvas.evaluate((c) => {
      const canvas = c as HTMLCanvasElement
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
      return n
    })
  let painted = await count()
  for (let i = 0; i < 20 && painted <= 1000; i++) {
    await page.waitForTimeout(100)
    painted = await count()
  }
  expect(painted).toBeGreaterThan(1000)
}

async function elderOn(page: Page, url: string) {
  await page.goto(`${url}/#/pages/me/index`)
  await onScreen(page, '.nut-cell', '长辈模式').locator('.nut-switch').click()
  await onScreen(page, '.page--elder', '长辈模式').waitFor()
}

/** Body text and the primary button of the screen in 长辈模式: at least 18 px and 60 px. */
async function expectElderSizes(page: Page, text: string, primary: string) {
  expect(await fontSizePx(onScreen(page, text))).toBeGreaterThanOrEqual(18)
  const box = await button(page, primary).first().boundingBox()
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(60)
}

describe('健康档案与随访: three high days reach the follow-up doctor, who books an expert', () => {
  let host: AppHost
  let browser: Browser
  let family: Page
  let doctor: Page

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
    family = await openPhone(browser)
    doctor = await openPhone(browser)
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  test('李梅 enters three high readings on three days; 郑国华 follows up by phone and books an expert; 李梅 sees the chart and the visit to come', async () => {
    // ---- 李梅 opens her father's record: two weeks within his own line, 150 at 65 and older in the programme
    await signIn(family, host.url, '李梅')
    await openEntry(family, '健康档案')
    await segment(family, 'profile', '李德福').click()
    await onScreen(family, '.rec-card__title', '李德福').waitFor()
    await onScreen(family, '.trend-chart').waitFor()
    await expect(onScreen(family, '.trend-chart__edge-label', '收缩压偏高').first().textContent()).resolves.toContain('150')
    await expectChartDrawn(family)
    await snap(family, 'records-home')

    // ---- the first reading, the wrong way round: the error sits under 收缩压
    await button(family, '记录一次测量').click()
    await field(family, 'systolic').waitFor()
    await field(family, 'systolic').locator('input').fill('96')
    await field(family, 'diastolic').locator('input').fill('158')
    await button(family, /^保存$/).click()
    await expect(field(family, 'systolic').locator('.field__error').textContent()).resolves.toContain('收缩压（高压）应高于舒张压')
    await snap(family, 'records-reading-error')

    // ---- three readings over his target, measured the day before yesterday, yesterday and now
    const readings: Array<[number, string, string]> = [
      [2, '158', '96'],
      [1, '162', '98'],
      [0, '156', '94']
    ]
    for (const [daysAgo, systolic, diastolic] of readings) {
      if (daysAgo) await measuredDaysAgo(family, daysAgo)
      if (daysAgo === 2) await snap(family, 'records-reading-backdated')
      await field(family, 'systolic').locator('input').fill(systolic)
      await field(family, 'diastolic').locator('input').fill(diastolic)
      const saved = waitForAction(family, 'records', 'addReading')
      await button(family, /^保存$/).click()
      const reply = (await (await saved).json()) as { ok: boolean; data: { taskOpened: { reason: string } | null } }
      expect(reply).toMatchObject({ ok: true })
      const advice = onScreen(family, '.flag-advice--high')
      await advice.waitFor()
      await expect(advice.textContent()).resolves.toContain(`${systolic}/${diastolic}`)
      if (daysAgo) {
        // Not yet three days: nothing is opened.
        expect(reply.data.taskOpened).toBeNull()
        await button(family, '再记一次').click()
        await field(family, 'systolic').waitFor()
      }
    }
    await expect(onScreen(family, '.reading-form__task').textContent()).resolves.toContain('多次读数偏高')
    await snap(family, 'records-reading-third-high')

    // ---- 郑国华 sees the task with the three readings
    await signIn(doctor, host.url, '郑国华')
    await openEntry(doctor, '随访工作台')
    const task = onScreen(doctor, '.task-card', '多次读数偏高').filter({ hasText: '李德福' })
    await task.waitFor()
    for (const [, systolic, diastolic] of readings) await expect(task.textContent()).resolves.toContain(`${systolic}/${diastolic}`)
    await snap(doctor, 'records-console')
    // 申请上门护理 appears exactly when this build has nursing's request page.
    const hasNursing = await doctor.evaluate(() =>
      ((window as { __taroAppConfig?: { pages: string[] } }).__taroAppConfig?.pages ?? []).includes('packages/nursing/request/index')
    )
    await expect(task.locator('.nut-button', { hasText: '申请上门护理' }).count()).resolves.toBe(hasNursing ? 1 : 0)

    await task.locator('.nut-button', { hasText: '查看档案' }).click()
    await onScreen(doctor, '.patient-record .trend-chart').waitFor()
    await snap(doctor, 'records-patient')
    await onScreen(doctor, '.taro-navigation-bar-back').click()

    // ---- the national form by phone; what is missing is said at the field
    await onScreen(doctor, '.task-card', '多次读数偏高').locator('.nut-button', { hasText: '填写随访' }).click()
    await field(doctor, 'method').waitFor()
    await button(doctor, '完成随访').click()
    await expect(field(doctor, 'method').locator('.field__error').textContent()).resolves.toContain('请选择随访方式')
    await expect(field(doctor, 'classification').locator('.field__error').textContent()).resolves.toContain('请选择此次随访分类')
    await segment(doctor, 'method', '电话').click()
    await segment(doctor, 'symptoms', '头痛头晕').click()
    await field(doctor, 'systolic').locator('input').fill('160')
    await field(doctor, 'diastolic').locator('input').fill('96')
    await field(doctor, 'heartRate').locator('input').fill('80')
    await field(doctor, 'exercise').locator('input').fill('2')
    await segment(doctor, 'salt', '重').click()
    await segment(doctor, 'adherence', '间断').click()
    await segment(doctor, 'classification', '控制不满意').click()
    await expect(field(doctor, 'nextDate').textContent()).resolves.toContain(inTwoWeeks())
    await snap(doctor, 'records-follow-up-form')
    await button(doctor, '完成随访').click()
    const done = onScreen(doctor, '.follow-up__done')
    await done.waitFor()
    await expect(done.textContent()).resolves.toContain('随访已记录')
    await expect(onScreen(doctor, '.follow-up__next').textContent()).resolves.toBe(inTwoWeeks())
    await snap(doctor, 'records-follow-up-done')

    // ---- from the task just done, 郑国华 books 李德福 an expert: his own flow, worded for a referral
    await button(doctor, '为患者预约专家（转诊）').click()
    await onScreen(doctor, '.bk-notice', '随访转诊').filter({ hasText: '李德福' }).waitFor()
    await onScreen(doctor, '.bk-seg__item', '按专家').click()
    await onScreen(doctor, '.browse-expert', '刘淑芬').click()
    await onScreen(doctor, '.bk-card', '08:00-11:30').last().click()
    await onScreen(doctor, '.session__referral', '李德福').waitFor()
    await expect(onScreen(doctor, '.session').textContent()).resolves.not.toContain('热线')
    await onScreen(doctor, '.bk-pick', '11:00-11:30').click()
    await button(doctor, '下一步').click()
    await onScreen(doctor, '.confirm').waitFor()
    await expect(onScreen(doctor, '.confirm').textContent()).resolves.toContain('李德福')
    await expect(onScreen(doctor, '.confirm').textContent()).resolves.toContain('随访转诊')
    await snap(doctor, 'records-doctor-referral-confirm')
    const booked = waitForAction(doctor, 'booking', 'referralBook')
    await button(doctor, '确认为患者预约').click()
    const bookedReply = await (await booked).json()
    expect(bookedReply).toMatchObject({ ok: true, data: { channel: 'referral', bookedByName: '郑国华', patientName: '李德福' } })
    const result = onScreen(doctor, '.referral-booked')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain('已为李德福预约专家')
    await expect(result.textContent()).resolves.toContain('刘淑芬')
    // Nothing he cannot do: the family cancels in 我的预约.
    await expect(result.locator('.nut-button', { hasText: '取消' }).count()).resolves.toBe(0)
    await snap(doctor, 'records-doctor-referral-booked')

    // ---- 李梅 is told, sees the chart with its bands, and the timeline leads with the visit to come
    await family.goto(`${host.url}/#/pages/me/index`)
    await onScreen(family, '.nut-cell', '我的消息').click()
    await onScreen(family, '.message-card', '医生已为您预约专家').filter({ hasText: '刘淑芬' }).waitFor()
    await family.goto(`${host.url}/#/pages/index/index`)
    await openEntry(family, '健康档案')
    await segment(family, 'profile', '李德福').click()
    await onScreen(family, '.reading-table[data-kind="bp"] .reading-table__row', '156/94').first().waitFor()
    // The expert 郑国华 booked from the task he has just followed up is on her father's page: day, time, department, expert.
    const referral = onScreen(family, '.records-home__referrals .task-card__referral', '刘淑芬')
    await referral.waitFor()
    await expect(referral.textContent()).resolves.toMatch(/^随访医生已预约专家：\d{4}年\d{1,2}月\d{1,2}日 11:00 \S+ 刘淑芬（待就诊）$/)
    await snap(family, 'records-home-referral')
    await expectChartDrawn(family)
    await expect(onScreen(family, '.trend-chart__edge-label', '收缩压偏高').first().textContent()).resolves.toContain('150')
    await snapChart(family, 'records-home-after')

    // ---- the export: the whole record as JSON and as a FHIR Bundle, downloaded on H5
    const downloads: Array<{ name: string; text: string }> = []
    const both = new Promise<void>((resolve) => {
      family.on('download', async (d) => {
        const path = await d.path()
        downloads.push({ name: d.suggestedFilename(), text: path ? readFileSync(path, 'utf8') : '' })
        if (downloads.length === 2) resolve()
      })
    })
    await button(family, '导出健康档案').click()
    await both
    const fhir = downloads.find((d) => d.name.endsWith('.fhir.json'))
    const record = downloads.find((d) => d !== fhir)
    expect(record?.name).toMatch(/^健康档案_李德福_\d{4}-\d{2}-\d{2}\.json$/)
    const bundle = JSON.parse(fhir?.text ?? '{}')
    expect(bundle.resourceType).toBe('Bundle')
    expect(JSON.stringify(bundle)).toContain('8480-6')
    expect(JSON.stringify(bundle)).toContain('162')

    await button(family, '查看时间线').click()
    const visit = onScreen(family, '.timeline__item--upcoming', '刘淑芬')
    await visit.waitFor()
    await expect(visit.textContent()).resolves.toContain('待就诊')
    await expect(visit.textContent()).resolves.toContain('随访医生郑国华预约')
    // Newest first: every visit to come is above the readings she has just entered.
    const kinds = await onScreen(family, '.timeline__item').evaluateAll((els) =>
      els.map((e) => `${e.classList.contains('timeline__item--upcoming') ? 'upcoming' : e.getAttribute('data-kind')}`)
    )
    expect(kinds.lastIndexOf('upcoming')).toBeLessThan(kinds.indexOf('reading'))
    await onScreen(family, '.timeline__item--reading', '156/94').first().waitFor()
    await snap(family, 'records-timeline')

    // ---- 长辈模式 on both phones: large type and targets on every new screen
    await elderOn(family, host.url)
    await family.goto(`${host.url}/#/pages/index/index`)
    await openEntry(family, '健康档案')
    await segment(family, 'profile', '李德福').click()
    await onScreen(family, '.page--elder .trend-chart').waitFor()
    await expectChartDrawn(family)
    await expectElderSizes(family, '.reading-table__value', '记录一次测量')
    await snap(family, 'records-home-elder')
    await snapChart(family, 'records-home-chart-elder')
    await button(family, '记录一次测量').click()
    await field(family, 'systolic').waitFor()
    await expectElderSizes(family, '.field__label', '保存')
    await snap(family, 'records-reading-elder')
    await field(family, 'systolic').locator('input').fill('186')
    await field(family, 'diastolic').locator('input').fill('112')
    await button(family, /^保存$/).click()
    await expect(onScreen(family, '.flag-advice--critical').textContent()).resolves.toContain('请立即就医')
    await snap(family, 'records-reading-critical-elder')
    await button(family, '查看健康档案').click()
    await button(family, '查看时间线').click()
    await onScreen(family, '.timeline__item--upcoming').first().waitFor()
    await snap(family, 'records-timeline-elder')

    await elderOn(doctor, host.url)
    await doctor.goto(`${host.url}/#/pages/index/index`)
    await openEntry(doctor, '随访工作台')
    const again = onScreen(doctor, '.task-card', '李德福').first()
    await again.waitFor()
    await expectElderSizes(doctor, '.task-card__due', '填写随访')
    await snap(doctor, 'records-console-elder')
    await again.locator('.nut-button', { hasText: '填写随访' }).click()
    await field(doctor, 'method').waitFor()
    await snap(doctor, 'records-follow-up-form-elder')
    await onScreen(doctor, '.taro-navigation-bar-back').click()
    await onScreen(doctor, '.task-card', '李德福').first().locator('.nut-button', { hasText: '查看档案' }).click()
    await onScreen(doctor, '.patient-record .trend-chart').waitFor()
    await expect(onScreen(doctor, '.patient-record').textContent()).resolves.toContain('刘淑芬')
    await snap(doctor, 'records-patient-elder')
    await snapChart(doctor, 'records-patient-chart-elder')
  })
})
