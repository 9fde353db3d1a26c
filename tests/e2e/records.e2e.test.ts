/**
 * 健康档案与随访 in Chromium at phone size against the H5 build: 李梅 first types her father's
 * blood pressure the wrong way round and is told so under the field; then enters 185/115 for
 * 李德福 and at once sees 危急 and 请立即就医; the trend shows that reading with the threshold
 * lines, and the timeline lists it. The follow-up doctor 郑国华 finds the task on his console
 * with that very reading, fills the national follow-up form by phone, closes it, and sees the
 * next follow-up date. Both then read the same screens in 长辈模式.
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

/** The date 14 days after today on China's calendar, as the screens write it (2026年12月14日). */
function inTwoWeeks(): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date(Date.now() + 14 * 86400_000))
    .split('-')
    .map(Number)
  return `${y}年${m}月${d}日`
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

describe('健康档案与随访: a critical reading reaches the follow-up doctor', () => {
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

  test('李梅 enters 185/115 for her father, sees 请立即就医; 郑国华 follows up and the next date shows', async () => {
    // ---- 李梅 opens her father's record
    await signIn(family, host.url, '李梅')
    await openEntry(family, '健康档案')
    await segment(family, 'profile', '李德福').click()
    await onScreen(family, '.rec-card__title', '李德福').waitFor()
    await onScreen(family, '.trend-chart').waitFor()
    // The seeded two weeks are drawn against his own line: 150 at 65 and older in the hypertension programme.
    await expect(onScreen(family, '.trend-chart__edge-label', '收缩压偏高').first().textContent()).resolves.toContain('150')
    await expectChartDrawn(family)
    await snap(family, 'records-home')
    await snapChart(family, 'records-home-chart')

    // ---- the reading, first the wrong way round: the error sits under 收缩压
    await button(family, '记录一次测量').click()
    await field(family, 'systolic').waitFor()
    await field(family, 'systolic').locator('input').fill('115')
    await field(family, 'diastolic').locator('input').fill('185')
    await button(family, /^保存$/).click()
    await expect(field(family, 'systolic').locator('.field__error').textContent()).resolves.toContain('收缩压（高压）应高于舒张压')
    await snap(family, 'records-reading-error')

    await field(family, 'measuredAt').locator('.reading-form__time').click()
    await onScreen(family, '.nut-picker').first().waitFor()
    await snap(family, 'records-reading-datepicker')
    await onScreen(family, '.nut-picker-control .nut-picker-confirm-btn, .nut-picker-confirm-btn').first().click()
    await onScreen(family, '.nut-picker')
      .first()
      .waitFor({ state: 'hidden' })
      .catch(() => undefined)

    await field(family, 'systolic').locator('input').fill('185')
    await field(family, 'diastolic').locator('input').fill('115')
    await snap(family, 'records-reading')
    await button(family, /^保存$/).click()
    const advice = onScreen(family, '.flag-advice--critical')
    await advice.waitFor()
    await expect(advice.textContent()).resolves.toContain('请立即就医')
    await expect(advice.textContent()).resolves.toContain('185/115')
    await expect(onScreen(family, '.reading-form__task').textContent()).resolves.toContain('危急读数')
    await snap(family, 'records-reading-critical')

    // ---- a glucose reading in mg/dL: the time of day is asked for at its field, the value converted
    await button(family, '再记一次').click()
    await segment(family, 'kind', '血糖').click()
    await segment(family, 'unit', 'mg/dL').click()
    await field(family, 'value').locator('input').fill('126')
    await button(family, /^保存$/).click()
    await expect(field(family, 'context').locator('.field__error').textContent()).resolves.toContain('请选择空腹、餐后或随机')
    await segment(family, 'context', '空腹').click()
    await snap(family, 'records-reading-glucose')
    await button(family, /^保存$/).click()
    const glucose = onScreen(family, '.flag-advice--high')
    await glucose.waitFor()
    await expect(glucose.textContent()).resolves.toContain('7.0 mmol/L')
    await expect(glucose.textContent()).resolves.toContain('空腹血糖偏高')

    // ---- the record shows it: latest, the table under the chart, the timeline
    await button(family, '查看健康档案').click()
    await onScreen(family, '.records-home__latest .reading-table__row[data-kind="bp"]', '185/115').waitFor()
    await onScreen(family, '.reading-table[data-kind="bp"] .reading-table__row', '185/115').first().waitFor()
    await onScreen(family, '.trend-chart:not([data-critical="0"])').first().waitFor()
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
    expect(JSON.stringify(bundle)).toContain('185')

    await button(family, '查看时间线').click()
    await onScreen(family, '.timeline__item--reading', '185/115').first().waitFor()
    await snap(family, 'records-timeline')

    // ---- 郑国华 sees the task with that reading
    await signIn(doctor, host.url, '郑国华')
    await snap(doctor, 'records-doctor-home')
    await openEntry(doctor, '随访工作台')
    const task = onScreen(doctor, '.task-card', '危急读数').filter({ hasText: '李德福' })
    await task.waitFor()
    await expect(task.textContent()).resolves.toContain('185/115')
    await snap(doctor, 'records-console')
    // 申请上门护理 appears exactly when this build has nursing's request page.
    const hasNursing = await doctor.evaluate(() =>
      ((window as { __taroAppConfig?: { pages: string[] } }).__taroAppConfig?.pages ?? []).includes('packages/nursing/request/index')
    )
    await expect(task.locator('.nut-button', { hasText: '申请上门护理' }).count()).resolves.toBe(hasNursing ? 1 : 0)

    await task.locator('.nut-button', { hasText: '查看档案' }).click()
    await onScreen(doctor, '.patient-record .trend-chart').waitFor()
    await snap(doctor, 'records-patient')
    await snapChart(doctor, 'records-patient-chart')
    await onScreen(doctor, '.taro-navigation-bar-back').click()

    // ---- the national form by phone; what is missing is said at the field
    await onScreen(doctor, '.task-card', '危急读数').locator('.nut-button', { hasText: '填写随访' }).click()
    await field(doctor, 'method').waitFor()
    await button(doctor, '完成随访').click()
    await expect(field(doctor, 'method').locator('.field__error').textContent()).resolves.toContain('请选择随访方式')
    await expect(field(doctor, 'classification').locator('.field__error').textContent()).resolves.toContain('请选择此次随访分类')
    await segment(doctor, 'method', '电话').click()
    await segment(doctor, 'symptoms', '头痛头晕').click()
    await field(doctor, 'systolic').locator('input').fill('168')
    await field(doctor, 'diastolic').locator('input').fill('102')
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

    // ---- the console no longer lists it; the seeded high-readings task is still there
    await button(doctor, '返回随访工作台').click()
    await onScreen(doctor, '.task-card', '多次读数偏高').first().waitFor()
    await expect(onScreen(doctor, '.task-card', '危急读数').count()).resolves.toBe(0)

    // ---- from the open high-readings task, 郑国华 books 李德福 an expert through the hotline's flow
    await onScreen(doctor, '.task-card', '多次读数偏高')
      .filter({ hasText: '李德福' })
      .locator('.nut-button', { hasText: '预约专家' })
      .click()
    await onScreen(doctor, '.bk-notice', '李德福').waitFor()
    await onScreen(doctor, '.bk-seg__item', '按专家').click()
    await onScreen(doctor, '.browse-expert', '刘淑芬').click()
    await onScreen(doctor, '.bk-card', '08:00-11:30').last().click()
    await onScreen(doctor, '.bk-pick', '11:00-11:30').click()
    await button(doctor, '下一步').click()
    const booked = waitForAction(doctor, 'booking', 'hotlineBook')
    await button(doctor, '确认预约').click()
    expect(await (await booked).json()).toMatchObject({ ok: true, data: { channel: 'hotline', bookedByName: '郑国华' } })
    await onScreen(doctor, '.hlp__appt--fresh').waitFor()
    await snap(doctor, 'records-doctor-booked')

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
    await onScreen(family, '.flag-advice--critical').waitFor()
    await snap(family, 'records-reading-critical-elder')
    await button(family, '查看健康档案').click()
    await button(family, '查看时间线').click()
    await onScreen(family, '.timeline__item').first().waitFor()
    // Appointments are on the timeline once their day has come (the seeded visit today and the history).
    await onScreen(family, '.timeline__item--appointment').first().waitFor()
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
    await snap(doctor, 'records-patient-elder')
    await snapChart(doctor, 'records-patient-chart-elder')
  })
})
