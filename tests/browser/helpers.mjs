// What every browser test uses (README.md here): the fixture run.mjs made (base URL, one user per
// role, unit codes), a Chromium per test file, signIn, checkAxe and screenshot.
import assert from 'node:assert/strict'
import { readFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { after, before } from 'node:test'

import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)

if (!process.env.PROBATION_BROWSER_FIXTURE) {
  throw new Error('run the browser tests through tests/browser/run.mjs (it starts the server)')
}

// { url, db, trust, ldu, team, officer, ownCrn, ownEvent,
//   users: { practitioner, manager, 'performance-analyst', 'board-member', administrator } }
// where each user is { username, name, role, password, unit?, staff? }.
export const fixture = JSON.parse(readFileSync(process.env.PROBATION_BROWSER_FIXTURE, 'utf8'))

// The roles, as the service names them.
export const roles = Object.keys(fixture.users)

// The absolute URL of a path on the server under test.
export function url (path) {
  return fixture.url + path
}

// Debian's Chromium, headless. Playwright gives each launch a new empty profile (its own
// temporary --user-data-dir); the other switches keep Chromium off the network.
export const chromiumOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync']
}

export const kDesktop = { width: 1280, height: 800 }
export const kMobile = { width: 375, height: 812 }

// Starts one Chromium for the calling test file (before) and closes it (after). Each
// newPage() is a fresh context: no cookies, desktop width.
//   const browser = useBrowser()
//   test('...', async () => { const page = await browser.newPage(); ... })
export function useBrowser () {
  let instance
  const contexts = []
  before(async () => { instance = await chromium.launch(chromiumOptions) })
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    if (instance) await instance.close()
  })
  return {
    async newPage () {
      const context = await instance.newContext({ viewport: kDesktop, baseURL: fixture.url })
      contexts.push(context)
      const page = await context.newPage()
      // What went wrong on the page, for a test to assert empty: console errors (a
      // Content-Security-Policy violation, a script that throws) and failed sub-resources (a
      // stylesheet, script, font or image answered 4xx or 5xx; a page itself may be a 404).
      page.problems = []
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.problems.push(m.text())
      })
      page.on('pageerror', (e) => page.problems.push(String(e)))
      page.on('response', (r) => {
        if (r.status() >= 400 && r.request().resourceType() !== 'document') {
          page.problems.push(`${r.status()} ${r.url()}`)
        }
      })
      return page
    }
  }
}

// Signs in on the sign-in page as the fixture's user of `role` ('practitioner', 'manager',
// 'performance-analyst', 'board-member' or 'administrator'); resolves once the page after
// sign-in has loaded. Returns that user.
export async function signIn (page, role) {
  const user = fixture.users[role]
  assert.ok(user, `no fixture user for role ${role}`)
  await page.goto('/sign-in')
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click()
  ])
  return user
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

// The WCAG 2.2 A and AA rules (and those of 2.0 and 2.1 that 2.2 keeps).
export const kWcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

// Runs axe-core on the page as it is now and fails with every violation, readably, unless
// there are none. Injected through the debugging protocol, so the page's
// Content-Security-Policy stays as the server sent it.
export async function checkAxe (page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(axeSource)
  }
  const results = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary }))
    }))
  }, kWcagTags)
  if (results.length === 0) return
  const lines = [`${results.length} accessibility violation(s) on ${page.url()}:`]
  for (const v of results) {
    lines.push(`- ${v.id} (${v.impact}): ${v.help}`)
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`    at ${n.target}`, `      ${n.html.slice(0, 200)}`,
        ...String(n.summary).split('\n').map((s) => `      ${s}`))
    }
    if (v.nodes.length > 5) lines.push(`    ... and ${v.nodes.length - 5} more`)
  }
  assert.fail(lines.join('\n'))
}

// Writes full-page screenshots of the page as it is now at desktop (1280 wide) and mobile
// (375 wide) widths: <PROBATION_SCREENSHOTS>/<name>-desktop.png and <name>-mobile.png. The
// page is left at desktop width.
export async function screenshot (page, name) {
  const dir = process.env.PROBATION_SCREENSHOTS
  mkdirSync(dir, { recursive: true })
  const before = page.viewportSize()
  for (const [suffix, size] of [['desktop', kDesktop], ['mobile', kMobile]]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: join(dir, `${name}-${suffix}.png`), fullPage: true })
  }
  await page.setViewportSize(before ?? kDesktop)
}
