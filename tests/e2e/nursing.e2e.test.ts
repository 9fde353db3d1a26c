/**
 * Home nursing from request to rating, in Chromium at phone size against the H5 build: 李梅 orders
 * PICC 维护 for her father 李德福; 吴芳 (护理部) assesses it at 中 risk and assigns 周静; 周静 accepts and
 * sets out (李梅 sees 护士已出发 and the reminder under 我的消息), arrives with her phone unable to
 * locate her (位置不可用 is recorded), starts, presses 一键报警 (吴芳's console shows it at once), and
 * completes with BP 150/95; 李梅 reads the record and rates 5. Three phones, one local host.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { db } from '../../cloudfunctions/common/db'
import { DEMO_ACCOUNTS } from '../../cloudfunctions/local/demo'
import { BOARD_STATUSES } from '../../types/nursing'
import { REQUESTS } from '../../cloudfunctions/nursing/docs'
import {
  button,
  cell,
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

/** A 1x1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const DOOR = { latitude: 36.9787, longitude: 117.1763 }
const FATHER = DEMO_ACCOUNTS.find((a) => a.key === 'li_mei')!.profiles.find((p) => p.name === '李德福')!

async function signIn(page: Page, url: string, name: string) {
  await page.goto(url)
  await onScreen(page, '.login__account', name).click()
  await onScreen(page, '.home__hello').waitFor()
}

async function home(page: Page, url: string) {
  await page.goto(`${url}/#/pages/index/index`)
  await onScreen(page, '.home__hello').waitFor()
}

async function openEntry(page: Page, title: string) {
  await onScreen(page, '.home__entry', title).click()
}

/** Runs `tap` and expects the named action of the nursing function to answer ok. */
async function expectOk(page: Page, action: string, tap: () => Promise<unknown>) {
  const reply = waitForAction(page, 'nursing', action)
  await tap()
  const body = await (await reply).json()
  expect(body).toMatchObject({ ok: true })
  return body.data
}

/** A phone that can be located (the nurse's): geolocation granted at the patient's door. */
async function locatablePhone(browser: Browser): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: DOOR,
    permissions: ['geolocation']
  })
  return { page: await context.newPage(), context }
}

async function setElder(page: Page, url: string, on: boolean) {
  await page.goto(`${url}/#/pages/me/index`)
  const sw = onScreen(page, '.nut-cell', '长辈模式').locator('.nut-switch')
  await sw.waitFor()
  const isOn = await page.locator('.page--elder:visible').count()
  if (Boolean(isOn) === on) return
  const saved = waitForAction(page, 'account', 'setPreferences')
  await sw.click()
  expect((await (await saved).json()).ok).toBe(true)
}

describe('上门护理 from request to rating', () => {
  let host: AppHost
  let browser: Browser
  let family: Page
  let dispatcher: Page
  let nurse: Page
  let nurseContext: BrowserContext
  let requestNo = ''

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
    family = await openPhone(browser)
    dispatcher = await openPhone(browser)
    ;({ page: nurse, context: nurseContext } = await locatablePhone(browser))
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  test('ordered, assessed, assigned, visited with an alarm on the way, recorded and rated', async () => {
    // ---- 李梅 orders PICC 维护 for her father
    await signIn(family, host.url, '李梅')
    await openEntry(family, '上门护理')
    const picc = onScreen(family, '.nursing-item[data-code="HL02"]')
    await picc.waitFor()
    await expect(picc.textContent()).resolves.toContain('220元（上门费 100元 + 护理费 120元）约 40 分钟 · 请准备：PICC维护手册')
    await snap(family, 'nursing-catalogue')
    await picc.locator('.nut-button').click()

    await onScreen(family, '.nursing-apply').waitFor()
    await onScreen(family, '.field[data-field="profileId"] .nut-radio', '李德福').click()
    await expect(onScreen(family, '.nursing-choice--on[data-code="HL02"]').count()).resolves.toBe(1)
    // The saved address (from 中药代煎) is offered and chosen.
    await onScreen(family, '.nursing-choice--on', '济北街道开元小区5号楼2单元302').waitFor()
    // Three days ahead in the calendar: 周静 has nothing on that day in the demo data.
    await onScreen(family, '.field[data-field="date"] .nut-cell').click()
    const calendar = onScreen(family, '.nut-calendar')
    await calendar.waitFor()
    await snap(family, 'nursing-apply-calendar')
    const inThreeDays = new Date(Date.now() + 3 * 86400_000)
    const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(inThreeDays)
    await pickDay(family, ymd)
    await expect(onScreen(family, '.field[data-field="date"] .nut-cell').textContent()).resolves.toContain(
      `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`
    )
    await onScreen(family, '.field[data-field="window"] .nut-cell').click()
    await onScreen(family, '.nut-picker').waitFor()
    await snap(family, 'nursing-apply-window')
    await onScreen(family, '.nut-picker-confirm-btn').click()
    await expect(onScreen(family, '.field[data-field="window"] .nut-cell').textContent()).resolves.toMatch(/\d\d:00-\d\d:00/)

    // Submitting without the health notes and consent says what is missing beside each.
    await button(family, /^提交申请/).click()
    await expect(onScreen(family, '.field[data-field="diagnosis"] .field__error').textContent()).resolves.toContain('诊断')
    await expect(onScreen(family, '[data-field="consent"] .field__error').textContent()).resolves.toContain('服务协议')
    await onScreen(family, '.field[data-field="diagnosis"] input').fill('肺癌化疗后，带PICC导管')
    await onScreen(family, '.field[data-field="allergies"] input').fill('无')
    await onScreen(family, '.field[data-field="mobility"] .nut-radio', '需人搀扶').click()
    await onScreen(family, '[data-field="consent"] .nut-checkbox').click()
    // A photo of the dressing: chosen, compressed in the page, sent as the upload action expects.
    const chooser = family.waitForEvent('filechooser')
    const uploaded = waitForAction(family, 'nursing', 'uploadPhoto')
    await button(family, '添加照片').click()
    await (await chooser).setFiles({ name: 'dressing.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') })
    expect(await (await uploaded).json()).toMatchObject({ ok: true, data: { fileId: expect.any(String) } })
    await onScreen(family, '.nursing-apply__photo').waitFor()
    await snap(family, 'nursing-apply')
    const submitted = await expectOk(family, 'submitRequest', () => button(family, /^提交申请/).click())
    requestNo = submitted.requestNo
    await onScreen(family, '.nursing-request__status', '待评估').waitFor()
    await expect(onScreen(family, '.nursing-request').textContent()).resolves.toContain(requestNo)
    expect(submitted.photos).toHaveLength(1)
    await expect(onScreen(family, '.nursing-request .nursing-photos__img').count()).resolves.toBe(1)
    await snap(family, 'nursing-request-submitted')

    // ---- 吴芳 assesses at 中 risk and assigns 周静
    await signIn(dispatcher, host.url, '吴芳')
    await openEntry(dispatcher, '护理部工作台')
    const row = onScreen(dispatcher, `.nursing-board-card[data-request-no="${requestNo}"]`)
    await row.waitFor()
    await expect(row.textContent()).resolves.toContain('李*福')
    await snap(dispatcher, 'nursing-console')
    await row.click()
    await onScreen(dispatcher, '[data-form="assess"]').waitFor()
    await onScreen(dispatcher, '[data-field="decision"] .nut-radio', '通过').first().click()
    await onScreen(dispatcher, '[data-field="risk"] .nut-radio', '中').click()
    await snap(dispatcher, 'nursing-review-assess')
    await expectOk(dispatcher, 'assessRequest', () => button(dispatcher, '提交评估').click())
    const zhou = onScreen(dispatcher, '[data-form="assign"] .nursing-choice[data-nurse="周静"]')
    await zhou.waitFor()
    await zhou.click()
    await snap(dispatcher, 'nursing-review-assign')
    await expectOk(dispatcher, 'assignNurse', () => button(dispatcher, '派给周静').click())
    await onScreen(dispatcher, '.nursing-review .status-tag', '已派单').waitFor()
    await expect(onScreen(dispatcher, '.nursing-review .nursing-risk').first().textContent()).resolves.toBe('中风险')

    // ---- 周静 accepts and sets out from where her phone says she is
    await signIn(nurse, host.url, '周静')
    await openEntry(nurse, '我的出诊')
    await onScreen(nurse, `.nursing-row[data-request-no="${requestNo}"]`).click()
    await snap(nurse, 'nursing-visit-assigned')
    await expectOk(nurse, 'acceptVisit', () => button(nurse, '接单').click())
    await onScreen(nurse, '.nursing-visit .status-tag', '护士已接单').waitFor()
    // Once accepted the visit is live: the alarm is on screen and the family's address is shown.
    await onScreen(nurse, '.nursing-alarm-bar .nut-button', '一键报警').waitFor()
    await expect(onScreen(nurse, '.nursing-visit__contact').textContent()).resolves.toContain('开元小区')
    await nurseContext.setGeolocation(DOOR)
    const departed = await expectOk(nurse, 'depart', () => button(nurse, '出发').click())
    expect(departed.request.status).toBe('en_route')
    await snap(nurse, 'nursing-visit-en-route')

    // ---- 李梅 sees 护士已出发, the nurse, and the reminder under 我的消息
    await family.reload()
    await onScreen(family, '.nursing-request__status .status-tag', '护士已出发').waitFor()
    await expect(onScreen(family, '.nursing-nurse-card').textContent()).resolves.toContain('周静')
    await expect(onScreen(family, '.nursing-nurse-card').textContent()).resolves.toContain('主管护师')
    await expect(onScreen(family, '.nursing-timeline').textContent()).resolves.toContain('护士已出发')
    await snap(family, 'nursing-request-en-route')
    await family.goto(`${host.url}/#/pages/me/index`)
    await cell(family, '我的消息').click()
    await onScreen(family, '.message-card', '护士已出发').waitFor()
    await snap(family, 'nursing-messages')

    // ---- 周静 arrives where her phone cannot locate her: she goes on and 位置不可用 is recorded
    await nurseContext.clearPermissions()
    await onScreen(nurse, '.field[data-field="idLastFour"] input').fill('0000')
    await expect(
      (async () => {
        const r = waitForAction(nurse, 'nursing', 'arrive')
        await button(nurse, '到达签到').click()
        const dialog = onScreen(nurse, '.nut-dialog', '无法获取位置')
        await dialog.waitFor()
        await snap(nurse, 'nursing-visit-no-location')
        await onScreen(nurse, '.nut-dialog .nut-button', '跳过定位').click()
        return (await (await r).json()).error?.fields
      })()
    ).resolves.toEqual({ idLastFour: '与就诊人不符' })
    await onScreen(nurse, '.field[data-field="idLastFour"] input').fill(FATHER.idNumber.slice(-4))
    await button(nurse, '到达签到').click()
    await onScreen(nurse, '.nut-dialog', '无法获取位置').waitFor()
    const arrived = await expectOk(nurse, 'arrive', () => onScreen(nurse, '.nut-dialog .nut-button', '跳过定位').click())
    expect(arrived.timeline.find((e: { to: string }) => e.to === 'arrived').note).toBe('位置不可用')
    await expectOk(nurse, 'startService', () => button(nurse, '开始服务').click())
    await onScreen(nurse, '[data-form="record"]').waitFor()

    // ---- 一键报警 mid-visit: one tap, confirmed on her screen, and on 吴芳's console at once
    await expectOk(nurse, 'raiseAlarm', () => onScreen(nurse, '.nursing-alarm-bar .nut-button').click())
    await onScreen(nurse, '[data-alarm-sent]', '报警已发送').waitFor()
    await snap(nurse, 'nursing-visit-alarm-sent')
    await home(dispatcher, host.url)
    await openEntry(dispatcher, '护理部工作台')
    const banner = onScreen(dispatcher, '.nursing-alarm-banner')
    await banner.waitFor()
    const bannerText = (await banner.textContent()) ?? ''
    expect(bannerText).toContain('周静')
    expect(bannerText).toContain(requestNo)
    expect(bannerText).toContain('李德福')
    await snap(dispatcher, 'nursing-console-alarm')

    // ---- 周静 completes with the record: BP 150/95
    await onScreen(nurse, '.field[data-field="done-HL02"] textarea').fill('冲管封管，更换贴膜和正压接头，穿刺点无红肿')
    await onScreen(nurse, '.field[data-field="systolic"] input').fill('150')
    await onScreen(nurse, '.field[data-field="diastolic"] input').fill('95')
    await onScreen(nurse, '.field[data-field="heartRate"] input').fill('80')
    await onScreen(nurse, '.field[data-field="advice"] textarea').fill('血压偏高，请每日测量并按时服药，7天后再次维护')
    await snap(nurse, 'nursing-visit-record')
    await expectOk(nurse, 'completeVisit', () => button(nurse, '完成服务').click())
    await onScreen(nurse, '.nursing-visit .status-tag', '服务完成').waitFor()
    await expect(onScreen(nurse, '.nursing-alarm-bar').count()).resolves.toBe(0)
    await snap(nurse, 'nursing-visit-completed')

    // ---- 李梅 reads the record and rates 5
    await family.goto(`${host.url}/#/packages/nursing/request/index?id=${submitted.id}`)
    await onScreen(family, '.nursing-record').waitFor()
    await expect(onScreen(family, '.nursing-record').textContent()).resolves.toContain('血压 150/95 mmHg')
    await onScreen(family, '.nursing-request__stars .nut-rate-item').nth(4).click()
    await onScreen(family, '.nursing-request__rate textarea').fill('周护士很细心，讲得很清楚')
    await snap(family, 'nursing-request-rate')
    const rated = await expectOk(family, 'rateVisit', () => button(family, '提交评价').click())
    expect(rated.request.rating).toMatchObject({ stars: 5 })
    await onScreen(family, '.nursing-request__status .status-tag', '已评价').waitFor()
    await snap(family, 'nursing-request-rated')

    // ---- 吴芳's console counts every tab, the history too: 已评价 now holds this visit
    await home(dispatcher, host.url)
    await openEntry(dispatcher, '护理部工作台')
    const ratedTab = onScreen(dispatcher, '.status-tab[data-status="rated"]')
    await ratedTab.click()
    await onScreen(dispatcher, `.nursing-board-card[data-request-no="${requestNo}"]`).waitFor()
    // Nobody waits on a history tab: the line above the list says the order itself.
    await expect(onScreen(dispatcher, '.nursing-console__note').textContent()).resolves.toBe('最近结束的排在前面')
    const stored = (await db().collection('nursing_requests').limit(1000).get()).data as Array<{ status: string }>
    for (const status of BOARD_STATUSES) {
      const expected = String(stored.filter((r) => r.status === status).length)
      const count = onScreen(dispatcher, `.status-tab[data-status="${status}"] .status-tab__count`)
      await expect(count.textContent()).resolves.toBe(expected)
    }
    await snap(dispatcher, 'nursing-console-history')
  })

  test('the board re-reads every row on screen each 10 s: 护理部 reading down a long 已完成 tab keeps what 加载更多 added', async () => {
    const requests = db().collection(REQUESTS)
    const [sample] = (await requests.where({ status: 'completed' }).limit(1).get()).data as Array<Record<string, unknown>>
    const { _id, ...rest } = sample
    // A page of 30 and five more.
    const total = 35
    const before = (await requests.where({ status: 'completed' }).count()).total
    for (let i = 0; i < total - before; i++) {
      const no = `HL2026010${String(i).padStart(5, '0')}`
      await requests.add({
        ...rest,
        requestNo: no,
        nurseSlot: `paging-${no}`,
        updatedAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z`
      })
    }
    await dispatcher.goto(`${host.url}/#/packages/nursing-staff/console/index?status=completed`)
    const cards = onScreen(dispatcher, '.nursing-board-card')
    await onScreen(dispatcher, '.status-tab--on[data-status="completed"]').waitFor()
    await cards.nth(29).waitFor()
    await expect(cards.count()).resolves.toBe(30)
    await button(dispatcher, '加载更多').click()
    await cards.nth(total - 1).waitFor()
    // The next poll reads the first page and, to cover the rows added, the next one.
    const firstPage = await waitForAction(dispatcher, 'nursing', 'board')
    expect(firstPage.request().postData()).not.toContain('"after"')
    const secondPage = await waitForAction(dispatcher, 'nursing', 'board')
    expect(secondPage.request().postData()).toContain('"after"')
    await dispatcher.waitForTimeout(300)
    await expect(cards.count()).resolves.toBe(total)
    const numbers = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-request-no')))
    expect(new Set(numbers).size).toBe(total)
  })

  test('every nursing screen, in normal type and in 长辈模式', async () => {
    for (const elder of [false, true]) {
      const mode = elder ? '-elder' : ''
      await setElder(family, host.url, elder)
      await setElder(dispatcher, host.url, elder)
      await setElder(nurse, host.url, elder)

      await family.goto(`${host.url}/#/packages/nursing/catalogue/index`)
      await onScreen(family, '.nursing-item').first().waitFor()
      if (elder) expect(await fontSizePx(onScreen(family, '.nursing-item .text-body').first())).toBeGreaterThanOrEqual(18)
      await snap(family, `screen-nursing-catalogue${mode}`)
      await family.goto(`${host.url}/#/packages/nursing/apply/index?item=HL01`)
      await onScreen(family, '.nursing-apply').waitFor()
      if (elder) {
        const submit = await button(family, /^提交申请/).boundingBox()
        expect(submit!.height).toBeGreaterThanOrEqual(60)
        const choice = await onScreen(family, '.nursing-choice').first().boundingBox()
        expect(choice!.height).toBeGreaterThanOrEqual(60)
      }
      await snap(family, `screen-nursing-apply${mode}`)
      await family.goto(`${host.url}/#/packages/nursing/requests/index`)
      await onScreen(family, '.nursing-row').first().waitFor()
      if (elder) expect((await onScreen(family, '.nursing-row').first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
      await snap(family, `screen-nursing-requests${mode}`)
      await onScreen(family, '.nursing-row', '护士已出发').first().click()
      await onScreen(family, '.nursing-request__cancel').scrollIntoViewIfNeeded()
      await snap(family, `screen-nursing-request-cancel-terms${mode}`)

      await dispatcher.goto(`${host.url}/#/packages/nursing-staff/console/index`)
      await onScreen(dispatcher, '.nursing-board-card').first().waitFor()
      await snap(dispatcher, `screen-nursing-console${mode}`)
      await onScreen(dispatcher, '.nursing-board-card').first().click()
      await onScreen(dispatcher, '.nursing-review').waitFor()
      await snap(dispatcher, `screen-nursing-review${mode}`)
      await dispatcher.goto(`${host.url}/#/packages/nursing-staff/console/index`)
      await button(dispatcher, '护士当日出诊').click()
      await onScreen(dispatcher, '.nursing-day__nurse', '周静').waitFor()
      if (elder) expect((await onScreen(dispatcher, '.nursing-day__visit').first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
      await snap(dispatcher, `screen-nursing-day${mode}`)
      await dispatcher.goto(`${host.url}/#/packages/nursing-staff/nurses/index`)
      await onScreen(dispatcher, '.nursing-nurses .card').first().waitFor()
      await snap(dispatcher, `screen-nursing-nurses${mode}`)

      await nurse.goto(`${host.url}/#/packages/nursing-staff/visits/index`)
      await onScreen(nurse, '.nursing-row').first().waitFor()
      // She has live visits: 一键报警 is on her list too, not only inside a visit.
      await onScreen(nurse, '.nursing-alarm-bar .nut-button', '一键报警').waitFor()
      await snap(nurse, `screen-nursing-visits${mode}`)
      await onScreen(nurse, '.nursing-row', '护士已出发').first().click()
      await onScreen(nurse, '.nursing-alarm-bar').waitFor()
      if (elder) expect((await onScreen(nurse, '.nursing-alarm-bar .nut-button').boundingBox())!.height).toBeGreaterThanOrEqual(60)
      await snap(nurse, `screen-nursing-visit-live${mode}`)
    }
  })
})

/** Taps a day in the NutUI calendar (in the month titled 2026年12月) and confirms. */
async function pickDay(page: Page, ymd: string) {
  const [y, m, d] = ymd.split('-').map(Number)
  const month = onScreen(page, '.nut-calendar-month').filter({
    has: page.locator('.nut-calendar-month-title', { hasText: `${y}年${String(m).padStart(2, '0')}月` })
  })
  await month
    .locator('.nut-calendar-day:not(.nut-calendar-day-disabled)')
    .filter({ has: page.locator('.nut-calendar-day-day', { hasText: new RegExp(`^${d}$`) }) })
    .first()
    .click()
  await onScreen(page, '.nut-calendar-footer .calendar-confirm-btn').click()
}
