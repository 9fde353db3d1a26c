/**
 * 长辈模式 to MIIT's 适老化 numbers on every page of the app, in Chromium at phone size against the
 * H5 build: each page is opened as the person who uses it, with 长辈模式 on, and measured from the
 * browser's computed styles: body text at least 18 px, primary buttons and list rows at least 60 px
 * tall, text contrast at least 4.5:1, and no short label broken with one character alone on its
 * last line. Also: each page asks for its data once when opened, and a success toast does not
 * swallow the next tap.
 */
import type { Browser, Page } from 'playwright-core'
import { setNow } from '../../cloudfunctions/common/clock'
import { db } from '../../cloudfunctions/common/db'
import { accountIdFor } from '../../cloudfunctions/common/identity'
import { demoOpenid } from '../../cloudfunctions/local/demo'
import { chinaInstant } from '../../types/booking-rules'
import { countCalls, ensureH5Build, launchBrowser, onScreen, openPhone, signIn, snap, startAppHost, type AppHost } from './helpers'

jest.setTimeout(600_000)

const ELDER = { bodyPx: 18, tallPx: 60, contrast: 4.5 }

interface Problem {
  what: string
  text: string
  value: string
}

/**
 * Runs in the page: every visible text, primary button and list row of the current screen, checked
 * against the numbers. Colours are the computed ones; a background is the first opaque one up the
 * tree (a gradient counts by its first colour).
 */
function measure(limits: typeof ELDER): Problem[] {
  const problems: Problem[] = []
  // Taro keeps earlier pages in the DOM, hidden; the one on screen is the last shown.
  const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
  const root = shown[shown.length - 1]
  if (!root) return [{ what: 'page', text: '', value: 'no visible page' }]
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect()
    const cs = getComputedStyle(el)
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0
  }
  const rgba = (c: string): [number, number, number, number] | null => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c)
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null
  }
  const luminance = ([r, g, b]: number[]) => {
    const ch = (v: number) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
  }
  const background = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e)
      const img = /gradient\((?:[^,]*deg,\s*)?(#[0-9a-f]{6}|rgba?\([^)]*\))/i.exec(cs.backgroundImage)
      if (img) {
        const c = img[1].startsWith('#') ? [1, 3, 5].map((i) => parseInt(img[1].slice(i, i + 2), 16)) : rgba(img[1])
        if (c) return c.slice(0, 3)
      }
      const c = rgba(cs.backgroundColor)
      if (c && c[3] >= 0.99) return c.slice(0, 3)
    }
    return [255, 255, 255]
  }
  const label = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)

  // Text: every element that holds text of its own.
  const texts = Array.from(root.querySelectorAll<HTMLElement>('*')).filter(
    (el) => visible(el) && Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())
  )
  for (const el of texts) {
    const cs = getComputedStyle(el)
    const size = parseFloat(cs.fontSize)
    // The label preview is drawn at the label printer's size (60 × 40 mm), not read on the phone.
    const printed = el.closest('.label-sheet') !== null
    if (!printed && size < limits.bodyPx - 0.05) problems.push({ what: 'font-size', text: label(el), value: `${size.toFixed(1)}px` })
    const fg = rgba(cs.color)
    if (fg) {
      const bg = background(el)
      const a = fg[3]
      const mixed = [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a))
      const [l1, l2] = [luminance(mixed), luminance(bg)].sort((x, y) => y - x)
      const ratio = (l1 + 0.05) / (l2 + 0.05)
      if (ratio < limits.contrast) problems.push({ what: 'contrast', text: label(el), value: ratio.toFixed(2) })
    }
    // A short label must not leave one character alone on its last line.
    for (const n of Array.from(el.childNodes)) {
      const t = n.textContent ?? ''
      if (n.nodeType !== Node.TEXT_NODE || t.trim().length < 2 || t.trim().length > 16) continue
      const tops: number[] = []
      for (let i = 0; i < t.length; i++) {
        if (!t[i].trim()) continue
        const range = document.createRange()
        range.setStart(n, i)
        range.setEnd(n, i + 1)
        const r = range.getBoundingClientRect()
        if (r.width > 0) tops.push(Math.round(r.top))
      }
      const lines = [...new Set(tops)]
      if (lines.length > 1 && tops.filter((top) => top === lines[lines.length - 1]).length === 1)
        problems.push({ what: 'orphan', text: t.trim(), value: `${lines.length} lines` })
    }
  }

  // Targets: primary buttons and list rows.
  const targets = Array.from(
    root.querySelectorAll<HTMLElement>('.nut-button-primary-solid, .nut-button-large, .nut-cell, .bk-pick')
  ).filter(visible)
  for (const el of targets) {
    const h = el.getBoundingClientRect().height
    if (h < limits.tallPx - 0.5) problems.push({ what: 'height', text: label(el), value: `${h.toFixed(1)}px` })
  }
  return problems
}

interface Stop {
  who: string
  path: string
  /** On screen once the page has its data. */
  ready: string
  /** Tapped after the page is measured, to measure what it opens too (a picker, a calendar). */
  open?: { tap: string; shows: string; name: string }
}

const account = (key: string) => accountIdFor(demoOpenid(key))

async function first<T>(collection: string, where: Record<string, unknown>): Promise<T> {
  const res = await db().collection(collection).where(where).limit(1).get()
  const doc = res.data[0] as T | undefined
  if (!doc) throw new Error(`no ${collection} for ${JSON.stringify(where)}`)
  return doc
}

/** Every page of the app, as the person who uses it (ids from the demo data). */
async function everyPage(): Promise<Stop[]> {
  const limei = account('li_mei')
  const father = await first<{ _id: string }>('profiles', { accountId: limei, relation: 'parent' })
  const session = await first<{ _id: string; slices: Array<{ id: string }> }>('schedules', { status: 'published', doctorName: '陈立明' })
  const appt = await first<{ _id: string }>('appointments', { accountId: limei, status: 'booked' })
  const visited = await first<{ _id: string }>('appointments', { accountId: limei, status: 'completed' })
  const rx = await first<{ _id: string }>('prescriptions', { accountId: limei })
  const order = await first<{ _id: string }>('decoction_orders', { accountId: limei })
  const caller = await first<{ _id: string }>('profiles', { phone: '13583100000' })
  const nurse = account('nurse')
  return [
    { who: '李梅', path: '/pages/index/index', ready: '.home__entry' },
    { who: '李梅', path: '/pages/booking/index', ready: '.my-appt' },
    { who: '李梅', path: '/pages/orders/index', ready: '.card' },
    { who: '李梅', path: '/pages/me/index', ready: '.nut-cell' },
    { who: '李梅', path: '/packages/account/profiles/index', ready: '.profile-card' },
    { who: '李梅', path: `/packages/account/profile-form/index?id=${father._id}`, ready: '.field' },
    { who: '李梅', path: '/packages/account/messages/index', ready: '.message-card, .state' },
    { who: '李梅', path: '/packages/account/privacy/index', ready: '.privacy__title' },
    { who: '李梅', path: '/packages/booking/browse/index', ready: '.bk-seg__item' },
    { who: '李梅', path: `/packages/booking/session/index?id=${session._id}`, ready: '.session__doctor' },
    {
      who: '李梅',
      path: `/packages/booking/confirm/index?scheduleId=${session._id}&sliceId=${session.slices[0].id}&profileId=${father._id}`,
      ready: '.confirm'
    },
    { who: '李梅', path: `/packages/booking/appointment/index?id=${appt._id}`, ready: '.appt__number' },
    { who: '李梅', path: `/packages/booking/return-visit/index?appointmentId=${visited._id}`, ready: '.page__body .card, .state' },
    { who: '李梅', path: '/packages/decoction/prescriptions/index', ready: '.rx-card' },
    { who: '李梅', path: `/packages/decoction/prescription/index?id=${rx._id}`, ready: '.card' },
    { who: '李梅', path: `/packages/decoction/order-form/index?prescriptionId=${rx._id}`, ready: '.field, .state' },
    { who: '李梅', path: `/packages/decoction/order/index?id=${order._id}`, ready: '.order-detail__status' },
    { who: '刘洋', path: '/packages/account/consent/index', ready: '.nut-button' },
    {
      who: '赵敏',
      path: '/packages/booking/schedule/index',
      ready: '.week__range',
      open: { tap: '.week__range', shows: '.nut-calendar-day', name: 'calendar' }
    },
    {
      who: '赵敏',
      path: '/packages/booking/session-form/index',
      ready: '.field',
      open: { tap: '.field[data-field="start"] .sform__clock', shows: '.nut-pickerview-roller-item-active', name: 'time-picker' }
    },
    { who: '赵敏', path: `/packages/booking/desk/index?id=${session._id}`, ready: '.desk__doctor' },
    { who: '孙丽', path: '/packages/booking/hotline/index', ready: '.field' },
    { who: '孙丽', path: `/packages/booking/hotline-patient/index?profileId=${caller._id}`, ready: '.hlp__name' },
    { who: '王磊', path: '/packages/booking/bans/index', ready: '.card, .state' },
    { who: '王磊', path: '/packages/account/staff/index', ready: '.staff-card' },
    { who: '王磊', path: `/packages/account/staff-detail/index?accountId=${nurse}`, ready: '.staff-detail__name' },
    { who: '王磊', path: '/packages/account/settings/index', ready: '.field' },
    { who: '钱志刚', path: '/packages/pharmacy/queue/index', ready: '.status-tab' },
    { who: '钱志刚', path: `/packages/pharmacy/order/index?id=${order._id}`, ready: '.ph-order__patient' },
    { who: '钱志刚', path: `/packages/pharmacy/label/index?id=${order._id}`, ready: '.label-sheet' },
    { who: '钱志刚', path: '/packages/pharmacy/prescribe/index', ready: '.field' }
  ]
}

const KEYS: Record<string, string> = {
  李梅: 'li_mei',
  刘洋: 'liu_yang',
  赵敏: 'scheduler',
  孙丽: 'hotline',
  王磊: 'admin',
  钱志刚: 'pharmacist'
}

describe('长辈模式 on every page', () => {
  let host: AppHost
  let browser: Browser
  let stops: Stop[]

  beforeAll(async () => {
    ensureH5Build()
    setNow(chinaInstant('2026-11-18', '10:00'))
    host = await startAppHost()
    browser = await launchBrowser()
    for (const key of Object.values(KEYS))
      await db()
        .collection('accounts')
        .doc(account(key))
        .update({ preferences: { elderMode: true } })
    stops = await everyPage()
  }, 20 * 60_000)

  afterAll(async () => {
    await browser?.close()
    await host?.close()
    setNow(undefined)
  })

  test('every page meets the 适老化 numbers and asks for its data once', async () => {
    const found: string[] = []
    const loads: string[] = []
    let page: Page | null = null
    let who = ''
    for (const stop of stops) {
      if (stop.who !== who) {
        await page?.context().close()
        page = await openPhone(browser)
        await signIn(page, host.url, stop.who)
        who = stop.who
      }
      const p = page as Page
      const calls = countCalls(p)
      await p.goto(`${host.url}/#${stop.path}`)
      await onScreen(p, '.page--elder').first().waitFor()
      const ready = stop.ready
        .split(', ')
        .map((sel) => `${sel}:visible`)
        .join(', ')
      const shown = await p
        .locator(ready)
        .first()
        .waitFor({ timeout: 15_000 })
        .then(() => true)
        .catch(() => false)
      if (!shown) {
        found.push(`${stop.who} ${stop.path} never showed ${stop.ready}`)
        continue
      }
      await p.waitForTimeout(1500) // a second load, if any, would come now
      calls.stop()
      const twice = calls.calls.filter((c, i) => calls.calls.indexOf(c) !== i)
      if (twice.length) loads.push(`${stop.path}: ${calls.calls.join(', ')}`)
      await snap(
        p,
        `elder${stop.path
          .split('?')[0]
          .replace(/\/index$/, '')
          .replace(/\//g, '-')}`
      )
      for (const problem of await p.evaluate(measure, ELDER))
        found.push(`${stop.who} ${stop.path.split('?')[0]} ${problem.what} ${problem.value} «${problem.text}»`)
      if (stop.open) {
        await onScreen(p, stop.open.tap).first().click()
        await onScreen(p, stop.open.shows).first().waitFor()
        await p.waitForTimeout(500) // the popup slides in
        await snap(p, `elder-${stop.open.name}`)
        for (const problem of await p.evaluate(measure, ELDER))
          found.push(`${stop.who} ${stop.path.split('?')[0]} ${stop.open.name} ${problem.what} ${problem.value} «${problem.text}»`)
        // A picker's rows are its tap targets.
        const rows = await p
          .locator('.nut-pickerview-roller-item-active:visible')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
        for (const h of rows)
          if (h < ELDER.tallPx - 0.5) found.push(`${stop.who} ${stop.path.split('?')[0]} ${stop.open.name} row height ${h.toFixed(1)}px`)
      }
    }
    await page?.context().close()
    expect(loads).toEqual([])
    expect(found).toEqual([])
  })
})
