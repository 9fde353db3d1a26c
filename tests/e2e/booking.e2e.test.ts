/**
 * 专家号预约 end to end, in Chromium at phone size against the H5 build, with the local host's clock
 * standing on Wednesday 18 November 2026, 10:00 in Shanghai: the scheduler sets up and publishes next
 * week; 李梅 books a slice for herself and one for her father; 张伟 finds the session full and joins
 * the waitlist; 李梅 cancels and 张伟 gets the place; the hotline books for a caller without a
 * smartphone; the scheduler closes the session and 李梅 sees her father's booking cancelled with the
 * reason. Four phones, four people, one local host.
 */
import type { Browser, Page } from 'playwright-core'
import { setNow } from '../../cloudfunctions/common/clock'
import { chinaInstant } from '../../types/booking-rules'
import {
  button,
  ensureH5Build,
  launchBrowser,
  onScreen,
  openPhone,
  snap,
  startAppHost,
  tab,
  turnWheel,
  waitForAction,
  type AppHost,
  signIn
} from './helpers'

jest.setTimeout(300_000)

const REASON = '专家临时外出会诊'

async function openEntry(page: Page, title: string) {
  await onScreen(page, '.home__entry', title).click()
}

async function goHome(page: Page, url: string) {
  await page.goto(`${url}/#/pages/index/index`)
  await onScreen(page, '.home__hello').waitFor()
}

/** Opens next Monday afternoon's 陈立明 session from 专家号预约 → 按日期. */
async function openMondaySession(page: Page, url: string) {
  await goHome(page, url)
  await openEntry(page, '专家号预约')
  await onScreen(page, '.bk-seg__item', '11月23日').click()
  await snap(page, 'booking-browse')
  await onScreen(page, '.bk-card', '陈立明').filter({ hasText: '14:00-16:00' }).click()
  await onScreen(page, '.session__doctor', '陈立明').waitFor()
}

async function bookFromSession(page: Page, slice: string, patient: string): Promise<string> {
  await onScreen(page, '.bk-pick', slice).click()
  await onScreen(page, '.bk-pick', patient).click()
  await button(page, '下一步').click()
  await onScreen(page, '.confirm').waitFor()
  await snap(page, 'booking-confirm')
  const booked = waitForAction(page, 'booking', 'book')
  await button(page, '确认预约').click()
  expect(await (await booked).json()).toMatchObject({ ok: true })
  const number = onScreen(page, '.appt__number')
  await number.waitFor()
  return (await number.textContent()) ?? ''
}

describe('专家号预约 for families, the hotline and the scheduler', () => {
  let host: AppHost
  let browser: Browser
  let scheduler: Page
  let daughter: Page
  let father: Page
  let hotline: Page

  beforeAll(async () => {
    ensureH5Build()
    setNow(chinaInstant('2026-11-18', '10:00'))
    host = await startAppHost()
    browser = await launchBrowser()
    scheduler = await openPhone(browser)
    daughter = await openPhone(browser)
    father = await openPhone(browser)
    hotline = await openPhone(browser)
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    setNow(undefined)
  })

  test('the scheduler publishes next week, including a new 陈立明 session on Monday', async () => {
    await signIn(scheduler, host.url, '赵敏')
    await openEntry(scheduler, '排班管理')
    await onScreen(scheduler, '.week__range', '下周').waitFor()

    // Copy this week's sessions to next week, then add one.
    await button(scheduler, '复制上周排班').click()
    const copied = waitForAction(scheduler, 'booking', 'copyWeek')
    await onScreen(scheduler, '.nut-dialog .nut-button', '复制').click()
    expect((await (await copied).json()).data.created).toBeGreaterThan(5)

    await button(scheduler, '新增出诊').click()
    await onScreen(scheduler, '.field[data-field="doctorId"] .bk-seg__item', '陈立明').click()
    await onScreen(scheduler, '.field[data-field="date"] .bk-seg__item', '11月23日').click()
    await onScreen(scheduler, '.field[data-field="session"] .bk-seg__item', '下午').click()
    await onScreen(scheduler, '.field[data-field="end"] .sform__clock').click()
    await onScreen(scheduler, '.nut-picker-title', '结束时间').waitFor()
    await turnWheel(scheduler, 0, '16')
    await turnWheel(scheduler, 1, '00')
    await snap(scheduler, 'booking-session-form-picker')
    await onScreen(scheduler, '.nut-picker-confirm-btn').click()
    await expect(onScreen(scheduler, '.field[data-field="end"] .sform__clock').textContent()).resolves.toBe('16:00')
    await onScreen(scheduler, '.sform__minutes').click()
    await turnWheel(scheduler, 0, '60')
    await onScreen(scheduler, '.nut-picker-confirm-btn').click()
    await expect(onScreen(scheduler, '.sform__minutes').textContent()).resolves.toBe('60')
    await onScreen(scheduler, '.sform__gen input').fill('1')
    await button(scheduler, '按出诊时间重新生成时段').click()
    await expect(onScreen(scheduler, '.sform__total').textContent()).resolves.toContain('共 2 个时段，2 个号')
    await onScreen(scheduler, '.field[data-field="place"] input').fill('门诊楼2楼 心血管内科 诊室3')
    await snap(scheduler, 'booking-session-form')
    const created = waitForAction(scheduler, 'booking', 'createSession')
    await button(scheduler, '保存为草稿').click()
    expect(await (await created).json()).toMatchObject({ ok: true })

    const mine = onScreen(scheduler, '.week__session', '14:00-16:00').filter({ hasText: '陈立明' })
    await mine.waitFor()
    await expect(mine.textContent()).resolves.toContain('草稿')
    const publishButton = button(scheduler, /发布本周草稿/)
    await publishButton.waitFor()
    await snap(scheduler, 'booking-week')
    await publishButton.click()
    const published = waitForAction(scheduler, 'booking', 'publish')
    await onScreen(scheduler, '.nut-dialog .nut-button', /^发布$/).click()
    expect((await (await published).json()).data.published).toBeGreaterThan(5)
    await publishButton.waitFor({ state: 'hidden' })
    await expect(mine.textContent()).resolves.toContain('已发布')
  })

  test('李梅 books a slice for herself and sees the queue number, then books the other slice for her father', async () => {
    await signIn(daughter, host.url, '李梅')
    await openMondaySession(daughter, host.url)
    await snap(daughter, 'booking-session')
    const mine = await bookFromSession(daughter, '14:00-15:00', '李梅')
    expect(mine).toContain('第 1 号')
    await expect(onScreen(daughter, '.appt').textContent()).resolves.toContain('门诊楼2楼 心血管内科 诊室3')
    await expect(onScreen(daughter, '.appt').textContent()).resolves.toContain('身份证或医保卡')
    await snap(daughter, 'booking-result')

    await openMondaySession(daughter, host.url)
    await expect(onScreen(daughter, '.bk-pick', '李梅').textContent()).resolves.toContain('已预约本场，第1号')
    const his = await bookFromSession(daughter, '15:00-16:00', '李德福')
    expect(his).toContain('第 2 号')
    await expect(onScreen(daughter, '.appt').textContent()).resolves.toContain('家属代约')
  })

  test('张伟 finds the session full and joins the waitlist; when 李梅 cancels, he gets her place and is told', async () => {
    await signIn(father, host.url, '张伟')
    await openMondaySession(father, host.url)
    await onScreen(father, '.bk-notice', '本场号源已约满').waitFor()
    await onScreen(father, '.bk-pick', '张伟').click()
    const joined = waitForAction(father, 'booking', 'joinWaitlist')
    await button(father, '为张伟加入候补').click()
    expect(await (await joined).json()).toMatchObject({ ok: true, data: { position: 1 } })
    await snap(father, 'booking-waitlist')

    // 李梅 cancels her own booking from the 预约 tab.
    await goHome(daughter, host.url)
    await tab(daughter, '预约').click()
    const card = onScreen(daughter, '.my-appt', '李梅').filter({ hasText: '陈立明' })
    await card.waitFor()
    await snap(daughter, 'booking-mine')
    await card.locator('.nut-button', { hasText: '取消预约' }).click()
    const cancelled = waitForAction(daughter, 'booking', 'cancel')
    await onScreen(daughter, '.nut-dialog .nut-button', '确认取消').click()
    expect(await (await cancelled).json()).toMatchObject({ ok: true, data: { status: 'cancelled' } })

    await goHome(father, host.url)
    await tab(father, '预约').click()
    const promoted = onScreen(father, '.my-appt', '张伟').filter({ hasText: '陈立明' })
    await promoted.waitFor()
    await expect(promoted.textContent()).resolves.toContain('第3号')
    await expect(promoted.textContent()).resolves.toContain('14:00-15:00')
    await promoted.click()
    await onScreen(father, '.bk-notice', '候补成功').waitFor()
  })

  test('the hotline finds no profile for a caller, creates one with consent, books, and reads it back', async () => {
    await signIn(hotline, host.url, '孙丽')
    await openEntry(hotline, '热线预约')
    await onScreen(hotline, '.field[data-field="phone"] input').fill('13705310088')
    await button(hotline, '查找').click()
    await onScreen(hotline, '.bk-section', '没有找到').waitFor()
    await onScreen(hotline, '.field[data-field="name"] input').fill('王秀英')
    await onScreen(hotline, '.field[data-field="idNumber"] input').fill('370125195208140029')
    await button(hotline, '建档').click()
    await onScreen(hotline, '.field[data-field="consent"] .field__error').waitFor()
    await onScreen(hotline, '.hotline__consent').click()
    await snap(hotline, 'booking-hotline-create')
    const made = waitForAction(hotline, 'booking', 'hotlinePatient')
    await button(hotline, '建档').click()
    expect(await (await made).json()).toMatchObject({ ok: true, data: { created: true } })

    // The 已建档 toast is up, and the very next tap goes through (the toast once swallowed it for 2.5 s).
    await onScreen(hotline, '.nut-toast', '已建档').waitFor()
    await expect(onScreen(hotline, '.bk-section').first().textContent()).resolves.toBe('已为来电者建档')
    await onScreen(hotline, '.hl-patient', '王*英').locator('.nut-button', { hasText: '为其预约' }).click({ timeout: 1000 })
    await onScreen(hotline, '.bk-notice', '王*英').waitFor()
    await onScreen(hotline, '.bk-seg__item', '按专家').click()
    await onScreen(hotline, '.browse-expert', '刘淑芬').click()
    await onScreen(hotline, '.bk-card', '08:00-11:30').first().click()
    await onScreen(hotline, '.bk-pick', '08:30-09:00').click()
    await button(hotline, '下一步').click()
    await expect(onScreen(hotline, '.confirm').textContent()).resolves.toContain('热线预约')
    const booked = waitForAction(hotline, 'booking', 'hotlineBook')
    await button(hotline, '确认预约').click()
    expect(await (await booked).json()).toMatchObject({ ok: true, data: { channel: 'hotline', bookedByName: '孙丽' } })
    const readBack = onScreen(hotline, '.hlp__appt--fresh .hlp__readback')
    await readBack.waitFor()
    // Read aloud by the caller's full name (revealed for this, and audited).
    await expect(readBack.textContent()).resolves.toMatch(/^王秀英，.*刘淑芬主任医师，第\d+号/)
    await snap(hotline, 'booking-hotline-readback')
  })

  test('the scheduler closes the session; 李梅 sees her father’s booking cancelled with the reason', async () => {
    await goHome(scheduler, host.url)
    await openEntry(scheduler, '排班管理')
    await onScreen(scheduler, '.week__session', '14:00-16:00').filter({ hasText: '陈立明' }).click()
    await onScreen(scheduler, '.desk').waitFor()
    await expect(onScreen(scheduler, '.desk').textContent()).resolves.toContain('李*福')
    await snap(scheduler, 'booking-desk')
    await button(scheduler, /^停诊$/).click()
    // Confirming with no reason keeps the dialog open and says what is missing.
    await onScreen(scheduler, '.nut-dialog .nut-button', '确认停诊').click()
    await onScreen(scheduler, '.reason-dialog__missing', '请填写停诊原因').waitFor()
    await onScreen(scheduler, '.nut-dialog textarea').fill(REASON)
    const closed = waitForAction(scheduler, 'booking', 'closeSession')
    await onScreen(scheduler, '.nut-dialog .nut-button', '确认停诊').click()
    expect(await (await closed).json()).toMatchObject({ ok: true, data: { cancelled: 2 } })
    await onScreen(scheduler, '.bk-notice', `已停诊：${REASON}`).waitFor()

    // After 停诊 the desk still lists who was affected.
    await expect(onScreen(scheduler, '.desk').textContent()).resolves.toContain('停诊取消2个预约')
    await expect(onScreen(scheduler, '.desk__booking', '李*福').textContent()).resolves.toContain('已取消')

    // 李梅 reads the 停诊 on 首页 without opening 我的消息.
    await goHome(daughter, host.url)
    await expect(onScreen(daughter, '.home__notice', '停诊通知').first().textContent()).resolves.toContain(REASON)
    await snap(daughter, 'booking-home-notice')
    await tab(daughter, '预约').click()
    const his = onScreen(daughter, '.my-appt', '李德福').filter({ hasText: '陈立明' }).filter({ hasText: REASON })
    await his.waitFor()
    await expect(his.textContent()).resolves.toContain(`医院停诊：${REASON}`)
    await expect(his.textContent()).resolves.toContain('已取消')
    await snap(daughter, 'booking-closed')
  })

  test('an admin lifts a hotline caller’s no-show ban, with a reason', async () => {
    const admin = await openPhone(browser)
    await signIn(admin, host.url, '王磊')
    await openEntry(admin, '爽约限制')
    const card = onScreen(admin, '.card', '赵*芳')
    await card.waitFor()
    await expect(card.textContent()).resolves.toContain('90天内3次预约未就诊（爽约）')
    await snap(admin, 'booking-bans')
    await card.locator('.nut-button', { hasText: '解除限制' }).click()
    await onScreen(admin, '.nut-dialog textarea').fill('患者住院期间未能就诊，已电话核实')
    const lifted = waitForAction(admin, 'booking', 'liftBan')
    await onScreen(admin, '.nut-dialog .nut-button', /^解除$/).click()
    expect(await (await lifted).json()).toMatchObject({ ok: true })
    await onScreen(admin, '.state__title', '没有被限制预约的患者').waitFor()
  })

  test('in 长辈模式, 李梅 books her father’s free return visit from his visit two days ago', async () => {
    await goHome(daughter, host.url)
    await tab(daughter, '我的').click()
    const saved = waitForAction(daughter, 'account', 'setPreferences')
    await onScreen(daughter, '.nut-cell', '长辈模式').locator('.nut-switch').click()
    expect((await (await saved).json()).ok).toBe(true)
    await tab(daughter, '预约').click()
    const visit = onScreen(daughter, '.page--elder .my-appt', '李德福').filter({ hasText: '已就诊' }).filter({ hasText: '11月16日' })
    await visit.waitFor()
    await visit.locator('.nut-button', { hasText: '预约免费复诊' }).click()
    await onScreen(daughter, '.bk-notice', '免费复诊一次').waitFor()
    await snap(daughter, 'booking-elder-return-visit')
    await onScreen(daughter, '.bk-card', '陈立明').first().click()
    await onScreen(daughter, '.session__doctor', '陈立明').waitFor()
    await expect(onScreen(daughter, '.session').textContent()).resolves.toContain('免费复诊（三天有效）')
    await snap(daughter, 'booking-elder-session')
    const number = await bookFromSession(daughter, '08:30-09:00', '李德福')
    expect(number).toMatch(/第 \d+ 号/)
    await expect(onScreen(daughter, '.appt').textContent()).resolves.toContain('免费复诊（三天有效）')
    await snap(daughter, 'booking-elder-result')
  })
})
