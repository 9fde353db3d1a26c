/**
 * 我的消息, in Chromium at phone size against the H5 build on the local host: two reminders reach
 * 李梅 through the server's outbox; 我的 shows 2 unread; opening 我的消息 shows both, newest first,
 * marked unread, with China-time times; once she has seen them the badge is gone. Tapping a
 * message opens the page it is about (a tab page or a subpackage page). Elder mode reads large;
 * an account without messages sees 暂无消息.
 */
import type { Browser, Page } from 'playwright-core'
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { enqueue, type OutboxInput } from '../../cloudfunctions/common/outbox'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import {
  cell,
  ensureH5Build,
  fontSizePx,
  launchBrowser,
  onScreen,
  openPhone,
  snap,
  startAppHost,
  tab,
  waitForAction,
  type AppHost,
  signIn
} from './helpers'

jest.setTimeout(180_000)

const HOUR = 3600_000

/** 'HH:mm' on China's clock, worked out without the app's own code. */
function chinaClock(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at)
}

/** Puts a message into the outbox as the server would, created at `at`. */
async function send(at: Date, msg: OutboxInput): Promise<void> {
  setNow(at)
  try {
    await enqueue(msg)
  } finally {
    setNow(undefined)
  }
}

const back = (page: Page) => onScreen(page, '.taro-navigation-bar-back').click()
const badge = (page: Page) => onScreen(page, '.me__unread')
const cards = (page: Page) => onScreen(page, '.message-card')

describe('我的消息 for a family member', () => {
  let host: AppHost
  let browser: Browser
  let page: Page
  let liMei: string

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
    page = await openPhone(browser)
    liMei = accountIdFor(demoOpenid('li_mei'))
    // Whatever the demo seed may hold for her is read already, so the count below is these two.
    await db().collection('outbox').where({ accountId: liMei, read: false }).update({ read: true })
  }, 20 * 60_000)

  afterAll(async () => {
    setNow(undefined)
    await browser?.close()
    await host?.close()
  })

  test('two new messages show as a badge of 2, read newest first in China time, and the badge goes once seen', async () => {
    const yesterday = new Date(Date.now() - 24 * HOUR)
    const justNow = new Date(Date.now() - 60_000)
    await send(yesterday, {
      accountId: liMei,
      kind: 'decoction_prescription',
      title: '新的中药处方',
      body: '郑国华医生为李德福开具了中药处方（7剂），可申请医院代煎，免费配送到家。',
      page: '/packages/decoction/prescriptions/index'
    })
    await send(justNow, {
      accountId: liMei,
      kind: 'booking_reminder',
      title: '明日就诊提醒',
      body: '李德福明天 08:00-08:30 在济阳区中医医院心血管内科就诊，请携带身份证或医保卡，提前20分钟到诊区签到。',
      page: '/pages/booking/index'
    })

    await signIn(page, host.url, '李梅')
    await tab(page, '我的').click()
    await expect(badge(page).textContent()).resolves.toBe('2')
    await snap(page, 'messages-me-badge')

    const marked = waitForAction(page, 'account', 'markMessagesRead')
    await cell(page, '我的消息').click()
    await cards(page).first().waitFor()
    // Below the two new ones, the notice of 李德福's follow-up 17 days ago, read then (from the seed).
    await expect(cards(page).locator('.message-card__title').allTextContents()).resolves.toEqual([
      '明日就诊提醒',
      '新的中药处方',
      '随访已完成'
    ])
    await expect(onScreen(page, '.message-card--unread').count()).resolves.toBe(2)
    expect((await cards(page).locator('.message-card__time').allTextContents()).slice(0, 2)).toEqual([
      `今天 ${chinaClock(justNow)}`,
      `昨天 ${chinaClock(yesterday)}`
    ])
    await expect(onScreen(page, '.messages__summary').textContent()).resolves.toContain('2 条未读')
    expect(await (await marked).json()).toMatchObject({ ok: true, data: { updated: 2 } })
    await snap(page, 'messages-list')

    // Back on 我的 the count is gone, and the server agrees.
    await back(page)
    await onScreen(page, '.messages').waitFor({ state: 'hidden' })
    await cell(page, '我的消息').waitFor()
    await badge(page).waitFor({ state: 'hidden' })
    await expect(db().collection('outbox').where({ accountId: liMei, read: false }).count()).resolves.toMatchObject({ total: 0 })

    // Seen ones lose their 未读 mark on the next visit; a reminder opens the 预约 tab.
    await cell(page, '我的消息').click()
    await onScreen(page, '.message-card', '明日就诊提醒').waitFor()
    await onScreen(page, '.messages__summary', /^共 3 条$/).waitFor()
    await expect(onScreen(page, '.message-card--unread').count()).resolves.toBe(0)
    await onScreen(page, '.message-card', '明日就诊提醒').click()
    await page.waitForURL(/#\/pages\/booking\/index/)

    // A prescription notice opens the prescriptions, in the decoction subpackage.
    await tab(page, '我的').click()
    await cell(page, '我的消息').click()
    await onScreen(page, '.message-card', '新的中药处方').click()
    await page.waitForURL(/#\/packages\/decoction\/prescriptions\/index/)

    // And back the way she came.
    await back(page)
    await page.waitForURL(/#\/packages\/account\/messages\/index/)
    await back(page)
    await onScreen(page, '.messages').waitFor({ state: 'hidden' })
  })

  test('in 长辈模式 a new message reads large, and one without a page has nothing to tap', async () => {
    await send(new Date(Date.now() - 30_000), {
      accountId: liMei,
      kind: 'booking_ban_lifted',
      title: '预约限制已解除',
      body: '李德福的预约限制已由医院解除，现在可以正常预约挂号。'
    })
    // It arrives while she is on 我的; she sees it when she next comes to the tab. (A page reloads
    // on show only when its last load is over a second old, so she spends a moment on 首页.)
    await tab(page, '首页').click()
    await onScreen(page, '.home__hello').waitFor()
    await page.waitForTimeout(1100)
    await tab(page, '我的').click()
    await onScreen(page, '.me__unread', /^1$/).waitFor()

    const elder = cell(page, '长辈模式').locator('.nut-switch')
    await elder.waitFor()
    if (!(await onScreen(page, '.page--elder').count())) {
      await elder.click()
      await onScreen(page, '.page--elder', '长辈模式').waitFor()
    }
    await expect(badge(page).textContent()).resolves.toBe('1')
    expect(await fontSizePx(badge(page))).toBeGreaterThanOrEqual(15)
    await snap(page, 'messages-me-badge-elder')

    await cell(page, '我的消息').click()
    const fresh = onScreen(page, '.message-card--unread')
    await fresh.waitFor()
    await expect(fresh.locator('.message-card__title').textContent()).resolves.toBe('预约限制已解除')
    await expect(fresh.locator('.message-card__more').count()).resolves.toBe(0)
    await expect(cards(page).count()).resolves.toBe(4)
    expect(await fontSizePx(fresh.locator('.message-card__body'))).toBeGreaterThanOrEqual(20)
    expect(await fontSizePx(fresh.locator('.message-card__time'))).toBeGreaterThanOrEqual(17)
    await snap(page, 'messages-list-elder')

    // Tapping a message without a page leaves her where she is.
    await fresh.click()
    await page.waitForTimeout(300)
    expect(page.url()).toContain('/packages/account/messages/index')
  })

  test('an account with no messages sees 暂无消息', async () => {
    const other = await openPhone(browser)
    try {
      await signIn(other, host.url, '刘洋')
      await tab(other, '我的').click()
      await cell(other, '我的消息').waitFor()
      await expect(badge(other).count()).resolves.toBe(0)
      await cell(other, '我的消息').click()
      await onScreen(other, '.state__title', '暂无消息').waitFor()
      await snap(other, 'messages-empty')
    } finally {
      await other.context().close()
    }
  })
})
