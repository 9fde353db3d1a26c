/**
 * Herbal decoction from prescription to door, in Chromium at phone size against the H5 build:
 * the pharmacist types a prescription as text; 李梅 orders courier delivery for her father; the
 * pharmacist works the order through every step to shipped with a tracking number; 李梅 follows
 * each step on the timeline and confirms receipt; a second order is cancelled before dispensing.
 * Two phones, two people, one local host.
 */
import type { Browser, Page } from 'playwright-core'
import { db } from '../../cloudfunctions/common/db'
import { ORDERS, type OrderDoc } from '../../cloudfunctions/decoction/docs'
import { QUEUE_PAGE_SIZE } from '../../types/decoction'
import {
  button,
  ensureH5Build,
  fontSizePx,
  launchBrowser,
  onScreen,
  openPhone,
  settledText,
  snap,
  startAppHost,
  tab,
  waitForAction,
  type AppHost,
  signIn
} from './helpers'

jest.setTimeout(240_000)

const TRACKING = 'SF9876543210'

/** Back to a tab page from deep in a subpackage (the tab bar shows only on tab pages). */
async function goToTab(page: Page, url: string, path: string) {
  await page.goto(`${url}/#${path}`)
}

async function openEntry(page: Page, title: string) {
  await onScreen(page, '.home__entry', title).click()
}

/** Taps a step button on the pharmacy order page, fills what the sheet asks, confirms, waits for the move. */
async function step(page: Page, label: string, fill?: (sheet: Page) => Promise<void>) {
  // The next step's button comes with the order's re-read after the last step (slow under load); once
  // it is there, right after the last step's success toast, the tap must go through at once (it once did nothing).
  const next = button(page, new RegExp(`^${label}$`))
  await next.waitFor()
  await next.click({ timeout: 1500 })
  await onScreen(page, '.step-sheet').waitFor()
  if (fill) await fill(page)
  const moved = waitForAction(page, 'decoction', 'advanceOrder')
  await button(page, `确认${label}`).click()
  const reply = await (await moved).json()
  expect(reply).toMatchObject({ ok: true })
  await onScreen(page, '.step-sheet').waitFor({ state: 'hidden' })
}

describe('中药代煎配送 from prescription to door', () => {
  let host: AppHost
  let browser: Browser
  let pharmacy: Page
  let family: Page

  beforeAll(async () => {
    ensureH5Build()
    host = await startAppHost()
    browser = await launchBrowser()
    pharmacy = await openPhone(browser)
    family = await openPhone(browser)
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
  })

  test('entered, ordered, decocted, shipped, followed and received; a second order cancelled before dispensing', async () => {
    // ---- the pharmacist enters 李德福's prescription as text
    await signIn(pharmacy, host.url, '钱志刚')
    await snap(pharmacy, 'decoction-pharmacist-home')
    await openEntry(pharmacy, '录入中药处方')
    await onScreen(pharmacy, '.field[data-field="patientKey"] input').fill('13953187721')
    await button(pharmacy, '查找').click()
    await onScreen(pharmacy, '.prescribe__match', '李*福').click()

    const herbs = onScreen(pharmacy, '.prescribe__herbs textarea')
    await herbs.fill('黄芪30 当归15 川芎10\n制附子 9 先煎\n砂仁 6g 后下\n阿胶 10g 烊化\n党参\n当归 10g')
    await expect(onScreen(pharmacy, '.prescribe__problems').textContent()).resolves.toContain('第5行：「党参」缺少克数')
    await expect(onScreen(pharmacy, '.prescribe__problems').textContent()).resolves.toContain('第6行：「当归」重复，第1行已经写过')
    await snap(pharmacy, 'decoction-prescribe-errors')
    await herbs.fill('黄芪30 当归15 川芎10\n制附子 9 先煎\n砂仁 6g 后下\n阿胶 10g 烊化\n党参 15g')
    await onScreen(pharmacy, '.prescribe__problems').waitFor({ state: 'detached' })
    await expect(onScreen(pharmacy, '.prescribe__preview').textContent()).resolves.toContain('共 7 味，每剂 95 克')
    await onScreen(pharmacy, '.field[data-field="doctorName"] input').fill('孟庆和')
    await onScreen(pharmacy, '.field[data-field="diagnosis"] input').fill('胸痹（气虚血瘀证）')
    await snap(pharmacy, 'decoction-prescribe')
    await button(pharmacy, '保存处方').click()
    await onScreen(pharmacy, '.prescribe__saved-title', '处方已保存').waitFor()
    const rxNo = ((await onScreen(pharmacy, '.prescribe__saved .text-body', '处方号').textContent()) ?? '').replace('处方号', '').trim()
    expect(rxNo).toMatch(/^RX\d{12}$/)

    // ---- 李梅 orders courier delivery to her father's home (the saved address is offered)
    await signIn(family, host.url, '李梅')
    await openEntry(family, '中药代煎配送')
    const card = onScreen(family, `.rx-card[data-rx-no="${rxNo}"]`)
    await card.waitFor()
    await snap(family, 'decoction-prescriptions')
    await card.locator('.nut-button', { hasText: '申请代煎配送' }).click()
    await onScreen(family, '.order-form__address--on', '济北街道开元小区5号楼2单元302').waitFor()
    await snap(family, 'decoction-order-form')
    await button(family, '提交订单').click()
    await onScreen(family, '.order-detail__status').waitFor()
    await expect(onScreen(family, '.order-detail__status').textContent()).resolves.toContain('待审方')
    const orderNo = ((await onScreen(family, '.order-detail__status .text-muted', '订单号').textContent()) ?? '')
      .replace('订单号', '')
      .trim()
    expect(orderNo).toMatch(/^D\d{12}$/)
    await snap(family, 'decoction-order-submitted')

    // ---- the pharmacist works it through the queue to shipped
    await goToTab(pharmacy, host.url, '/pages/index/index')
    await openEntry(pharmacy, '中药房工作台')
    const queued = onScreen(pharmacy, `.queue-card[data-order-no="${orderNo}"]`)
    await queued.waitFor()
    await expect(queued.textContent()).resolves.toContain('李*福')
    await snap(pharmacy, 'decoction-queue')
    await queued.click()
    await onScreen(pharmacy, '.ph-order__patient', '李德福').waitFor()
    await snap(pharmacy, 'decoction-pharmacy-order')

    await step(pharmacy, '审方通过')
    await step(pharmacy, '开始调配')
    await step(pharmacy, '开始浸泡')
    await step(pharmacy, '开始煎煮', async (p) => {
      await expect(onScreen(p, '.step-sheet__timed[data-handling="先煎"]').textContent()).resolves.toContain('制附子')
      await expect(onScreen(p, '.step-sheet__timed[data-handling="后下"]').textContent()).resolves.toContain('砂仁')
      // Soaking began moments ago: decocting now is refused until the pharmacist says why.
      const refused = waitForAction(p, 'decoction', 'advanceOrder')
      await button(p, '确认开始煎煮').click()
      expect(await (await refused).json()).toMatchObject({ ok: false, error: { fields: { timeReason: '如时间无误，请填写原因' } } })
      await expect(onScreen(p, '.step-sheet .field[data-field="startedAt"] .field__error').textContent()).resolves.toContain('未满30分钟')
      await onScreen(p, '.step-sheet .field[data-field="timeReason"] textarea').fill('医生嘱咐急煎')
      await snap(p, 'decoction-step-decocting')
    })
    await step(pharmacy, '包装完成', async (p) => {
      await onScreen(p, '.step-sheet .field[data-field="packCount"] input').fill('13')
      await button(p, '确认包装完成').click()
      await expect(onScreen(p, '.step-sheet .field[data-field="packCount"] .field__error').textContent()).resolves.toContain('应包装14袋')
      await onScreen(p, '.step-sheet .field[data-field="packCount"] input').fill('14')
    })
    await step(pharmacy, '快递发货', async (p) => {
      await onScreen(p, '.step-sheet .field[data-field="trackingNo"] input').fill(TRACKING)
      await snap(p, 'decoction-step-shipping')
    })
    // The sheet closes on the reply; the queue re-reads after it, so the tag settles a moment later.
    expect(await settledText(onScreen(pharmacy, '.ph-order .status-tag').first(), '已发货')).toBe('已发货')
    await snap(pharmacy, 'decoction-pharmacy-shipped')

    // Soaking past its set time (30 minutes by default) is flagged in the queue: the demo child's order soaks since 45 minutes ago.
    await goToTab(pharmacy, host.url, '/pages/index/index')
    await openEntry(pharmacy, '中药房工作台')
    await onScreen(pharmacy, '.status-tab[data-status="soaking"]', '1超时').waitFor()
    await onScreen(pharmacy, '.status-tab[data-status="soaking"]').click()
    const overdue = onScreen(pharmacy, '.queue-card--overdue')
    await overdue.waitFor()
    await expect(overdue.textContent()).resolves.toMatch(/已浸泡 4\d 分钟（规定 30 分钟）超时/)
    await snap(pharmacy, 'decoction-queue-soaking')
    await onScreen(pharmacy, '.status-tab[data-status="shipped"]').click()
    await onScreen(pharmacy, `.queue-card[data-order-no="${orderNo}"]`).click()
    await button(pharmacy, '打印标签').click()
    const label = onScreen(pharmacy, `.label-sheet[data-order-no="${orderNo}"]`)
    await label.waitFor()
    const labelText = (await label.textContent()) ?? ''
    expect(labelText).toContain('李*福')
    expect(labelText).not.toContain('李德福')
    expect(labelText).toContain('7剂 × 2袋 = 14袋')
    expect(labelText).toContain('先煎：制附子')
    await snap(pharmacy, 'decoction-label')

    // ---- 李梅 sees every step with its time, the courier and number; confirms receipt
    await family.reload()
    await onScreen(family, '.order-detail__courier').waitFor()
    await expect(onScreen(family, '.order-detail__tracking').textContent()).resolves.toBe(TRACKING)
    const done = onScreen(family, '.order-timeline .order-timeline__time')
    await done.nth(6).waitFor()
    await expect(done.count()).resolves.toBe(7)
    const timeline = (await onScreen(family, '.order-timeline').textContent()) ?? ''
    for (const text of [
      '提交订单',
      '药师审方通过',
      '调配药材',
      '浸泡药材',
      '煎煮',
      '煎药机：1号煎药机',
      '先煎：制附子 30分钟',
      '共14袋',
      `快递单号：${TRACKING}`
    ]) {
      expect(timeline).toContain(text)
    }
    await snap(family, 'decoction-order-shipped')
    await button(family, '确认收货').click()
    await onScreen(family, '.nut-dialog').waitFor()
    const confirmed = waitForAction(family, 'decoction', 'confirmReceipt')
    await onScreen(family, '.nut-dialog .nut-button', '确认').click()
    expect((await (await confirmed).json()).ok).toBe(true)
    await onScreen(family, '.order-detail__status .status-tag', '已签收').waitFor()
    await expect(onScreen(family, '.order-timeline .order-timeline__time').count()).resolves.toBe(8)
    await snap(family, 'decoction-order-delivered')

    // ---- a second order (the demo prescription waiting for one) is cancelled before dispensing
    await goToTab(family, host.url, '/pages/index/index')
    await tab(family, '订单').click()
    await onScreen(family, `.order-card[data-order-no="${orderNo}"]`, '已签收').waitFor()
    await snap(family, 'decoction-orders-tab')
    await onScreen(family, '.orders__shortcut').click()
    const waiting = onScreen(family, '.rx-card', '胸痹（气虚血瘀证）').filter({
      has: family.locator('.nut-button:visible', { hasText: '申请代煎配送' })
    })
    await waiting.first().locator('.nut-button', { hasText: '申请代煎配送' }).click()
    await onScreen(family, '.nut-radio', '到院自取').click()
    await button(family, '提交订单').click()
    await onScreen(family, '.order-detail__status', '待审方').waitFor()
    await button(family, '取消订单').click()
    const cancelled = waitForAction(family, 'decoction', 'cancelOrder')
    await onScreen(family, '.nut-dialog .nut-button', '取消订单').click()
    expect((await (await cancelled).json()).ok).toBe(true)
    await onScreen(family, '.order-detail__status .status-tag', '已取消').waitFor()
    await expect(onScreen(family, '.order-timeline').textContent()).resolves.toContain('您已取消订单')
    // The dialog's own 取消订单 fades out after the reply; then none is left on the page.
    await onScreen(family, '.nut-dialog').waitFor({ state: 'hidden' })
    await expect(button(family, '取消订单').count()).resolves.toBe(0)
    await snap(family, 'decoction-order-cancelled')

    // ---- 长辈模式: the same order page in large type, timeline titles not clipped
    await goToTab(family, host.url, '/pages/me/index')
    const saved = waitForAction(family, 'account', 'setPreferences')
    await onScreen(family, '.nut-cell', '长辈模式').locator('.nut-switch').click()
    expect((await (await saved).json()).ok).toBe(true)
    await goToTab(family, host.url, '/pages/orders/index')
    await onScreen(family, `.order-card[data-order-no="${orderNo}"]`).click()
    await onScreen(family, '.page--elder .order-timeline').waitFor()
    const title = onScreen(family, '.order-timeline__title', '药师审方通过')
    expect(await fontSizePx(title)).toBeGreaterThanOrEqual(20)
    const box = await title.boundingBox()
    const clip = await onScreen(family, '.nut-step-title', '药师审方通过').boundingBox()
    expect(clip!.height).toBeGreaterThanOrEqual(box!.height)
    await snap(family, 'decoction-order-elder')
  })

  test('the queue shows a tab 20 orders at a time: 加载更多 adds the next ones once each, then goes away', async () => {
    const orders = db().collection(ORDERS)
    const [sample] = (await orders.limit(1).get()).data as OrderDoc[]
    const { _id, requestKey: _requestKey, ...rest } = sample
    // A page and five more: the first page is full and the second holds the rest.
    const delivered = QUEUE_PAGE_SIZE + 5
    const before = (await orders.where({ status: 'delivered' }).count()).total
    for (let i = 0; i < delivered - before; i++) {
      const no = `D2026010${String(i).padStart(5, '0')}`
      await orders.add({
        ...rest,
        status: 'delivered',
        orderNo: no,
        holdKey: `paging-${no}`,
        searchKeys: [no],
        createdAt: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z`
      })
    }
    await expect(orders.where({ status: 'delivered' }).count()).resolves.toMatchObject({ total: delivered })

    const phone = await openPhone(browser)
    await signIn(phone, host.url, '钱志刚')
    await phone.goto(`${host.url}/#/packages/pharmacy/queue/index?status=delivered`)
    const cards = onScreen(phone, '.queue-card')
    await onScreen(phone, '.status-tab--on[data-status="delivered"]').waitFor()
    await cards.nth(QUEUE_PAGE_SIZE - 1).waitFor()
    await expect(cards.count()).resolves.toBe(QUEUE_PAGE_SIZE)
    const more = waitForAction(phone, 'decoction', 'queue')
    await button(phone, '加载更多').click()
    expect((await (await more).json()).ok).toBe(true)
    await cards.nth(delivered - 1).waitFor()
    await expect(cards.count()).resolves.toBe(delivered)
    const numbers = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-order-no')))
    expect(new Set(numbers).size).toBe(delivered)
    await expect(button(phone, '加载更多').count()).resolves.toBe(0)
    await phone.context().close()
  })
})
