// The performance pages in a browser: a manager follows a red number on the scorecard to its
// failed cases; an analyst breaks the scorecard down, filters the exceptions by officer and
// downloads them; a Board member opens the scorecard and the board pack and finds no CRN or
// name of anyone in the data. axe (WCAG 2.2 AA) on every page each of these roles can reach
// here, with screenshots of the main ones.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'

import { checkAxe, fixture, screenshot, signIn, useBrowser } from './helpers.mjs'

const browser = useBrowser()

// Every CRN and every person's and staff member's full name in the data (read-only).
function namesAndKeys () {
  const rows = (sql) => execFileSync('sqlite3', ['-readonly', fixture.db, sql], { encoding: 'utf8' })
    .split('\n').map((s) => s.trim()).filter((s) => s.length > 0)
  return [
    ...rows('SELECT crn FROM people'),
    ...rows("SELECT forenames || ' ' || surname FROM people"),
    ...rows("SELECT forenames || ' ' || surname FROM staff")
  ]
}

// The page's text has none of `forbidden`.
async function assertNoneOf (page, forbidden) {
  const text = await page.locator('body').innerText()
  const found = forbidden.filter((s) => text.includes(s))
  assert.deepEqual(found.slice(0, 5), [], `${page.url()} shows ${found.length} names or CRNs`)
}

test('a manager follows a red number on the scorecard to its failed cases', async () => {
  const page = await browser.newPage()
  await signIn(page, 'manager')
  // The manager starts on the scorecard of their LDU.
  assert.equal(new URL(page.url()).pathname, '/scorecard')
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'scorecard-manager')
  // A measure rated red whose failed count is a link.
  const red = page.locator('#measures tbody tr')
    .filter({ has: page.locator('.govuk-tag--red', { hasText: 'Red' }) })
    .filter({ has: page.locator('a[href*="status=failed"]') })
  assert.ok(await red.count() > 0, 'no red measure with failed items on the scorecard')
  const row = red.first()
  const failedLink = row.locator('a[href*="status=failed"]')
  const failed = Number((await failedLink.innerText()).replace(/\D.*$/s, ''))
  assert.ok(failed > 0)
  await Promise.all([page.waitForURL(/\/exceptions\?/), failedLink.click()])
  await page.getByRole('heading', { level: 1, name: 'Exceptions' }).waitFor()
  assert.match(await page.locator('main').innerText(), new RegExp(`${failed} items for`))
  const statuses = await page.locator('tbody .govuk-tag').allInnerTexts()
  assert.ok(statuses.length > 0 && statuses.length === Math.min(failed, 50))
  assert.ok(statuses.every((s) => s === 'Failed'), `not all failed: ${statuses}`)
  // Each item links to its case.
  const caseLink = page.locator('tbody a[href^="/cases/"]').first()
  assert.match(await caseLink.getAttribute('href'), /^\/cases\/[A-Z0-9]+$/)
  await checkAxe(page)
  await screenshot(page, 'exceptions-failed')
  // The same list filtered by one officer: the officer select, submitted by its button.
  const officer = page.getByLabel('Officer')
  const options = await officer.locator('option').evaluateAll((os) => os.map((o) => o.value))
  assert.ok(options.length > 1)
  await officer.selectOption(options[1])
  await Promise.all([page.waitForURL(new RegExp(`officer=${options[1]}`)),
    page.getByRole('button', { name: 'Show items' }).click()])
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
})

test("a manager scans the scorecard's sparklines and opens one measure's trend", async () => {
  const page = await browser.newPage()
  await signIn(page, 'manager')
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor()
  // One table: a sparkline in each measure's row, named with its numbers; no full chart yet.
  const sparklines = page.locator('#measures svg.sparkline')
  const n = await sparklines.count()
  assert.ok(n > 5, `only ${n} sparklines`)
  assert.equal(await page.getByRole('img', { name: / from \S+ to \S+: / }).count(), n)
  assert.equal(await page.locator('svg.trend').count(), 0)
  // Scannable: most measures' rows are two lines of text (about 60px) and none is more than
  // three (a long "not rated" reason), so the whole framework (33 measures here) is a couple of
  // screens, not the dozen that a chart per measure made.
  const heights = await page.locator('#measures tbody tr').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height))
  assert.ok(heights.length > 20)
  const sorted = [...heights].sort((a, b) => a - b)
  assert.ok(sorted[Math.floor(sorted.length / 2)] <= 62, `median row ${sorted[Math.floor(sorted.length / 2)]}px tall`)
  assert.ok(sorted[sorted.length - 1] <= 86, `rows up to ${sorted[sorted.length - 1]}px tall`)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  console.log(`scorecard: ${heights.length} measures, page ${height}px tall at 1280 wide`)
  // A measure's own view: its chart and its table of periods, then back to all.
  const link = page.locator('#measures tbody th a').first()
  const code = (await link.locator('.govuk-\\!-font-weight-bold').innerText()).trim()
  await Promise.all([page.waitForURL(/measure=/), link.click()])
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${code} `) }).waitFor()
  assert.equal(await page.locator('#trend svg.trend').count(), 1)
  const periods = page.getByRole('table', { name: `${code} by period` })
  assert.equal(await periods.locator('tbody tr').count(), 5)
  await checkAxe(page)
  await screenshot(page, 'scorecard-measure')
  await Promise.all([page.waitForURL((u) => !u.search.includes('measure=')),
    page.getByRole('link', { name: 'Back to all measures' }).click()])
  assert.equal(await page.locator('svg.trend').count(), 0)
  assert.deepEqual(page.problems, [])
})

test("a manager's workload and board pack pages", async () => {
  const page = await browser.newPage()
  await signIn(page, 'manager')
  await page.goto('/workload')
  await page.getByRole('heading', { level: 1, name: 'Workload' }).waitFor()
  assert.ok(await page.locator('svg.bars').count() === 1, 'no workload chart')
  assert.ok(await page.locator('tbody tr').count() > 0, 'no officers')
  await checkAxe(page)
  await screenshot(page, 'workload')
  await page.goto('/boardpack')
  await page.getByRole('heading', { level: 1, name: 'Board pack' }).waitFor()
  await checkAxe(page)
  // Another LDU is out of scope: the not-allowed page.
  const other = await page.goto(`/scorecard?unit=${fixture.trust}`)
  assert.equal(other.status(), 403)
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
})

test('an analyst breaks the scorecard down and downloads it and the exceptions', async () => {
  const page = await browser.newPage()
  await signIn(page, 'performance-analyst')
  await page.goto('/scorecard')
  await page.getByLabel('Breakdown').selectOption('ldu')
  await Promise.all([page.waitForURL(/by=ldu/), page.getByRole('button', { name: 'Show scorecard' }).click()])
  await page.getByRole('heading', { name: 'Breakdown by ldu' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'scorecard-by-ldu')
  const csv = await page.request.get(await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))
  assert.equal(csv.status(), 200)
  assert.match(csv.headers()['content-type'], /^text\/csv/)
  const xlsx = await page.request.get(await page.getByRole('link', { name: 'Excel (.xlsx)' }).getAttribute('href'))
  assert.equal(xlsx.status(), 200)
  await page.goto('/exceptions')
  await page.getByRole('heading', { level: 1, name: 'Exceptions' }).waitFor()
  await checkAxe(page)
  const items = await page.request.get(await page.getByRole('link', { name: /Download these items/ }).getAttribute('href'))
  assert.equal(items.status(), 200)
  assert.match(await items.text(), /^measure,period,record,/)
  await page.goto('/workload')
  await checkAxe(page)
  await page.goto('/boardpack')
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
})

test('a Board member opens the scorecard and the board pack and finds no CRN or name', async () => {
  const forbidden = namesAndKeys()
  assert.ok(forbidden.length > 100)
  const page = await browser.newPage()
  await signIn(page, 'board-member')
  assert.equal(new URL(page.url()).pathname, '/scorecard')
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor()
  await assertNoneOf(page, forbidden)
  await checkAxe(page)
  await screenshot(page, 'scorecard-board')
  // By team: small counts in words, still no names.
  await page.getByLabel('Breakdown').selectOption('team')
  await Promise.all([page.waitForURL(/by=team/), page.getByRole('button', { name: 'Show scorecard' }).click()])
  await assertNoneOf(page, forbidden)
  await checkAxe(page)
  // No officer to choose, no exceptions to follow.
  assert.equal(await page.getByLabel('Breakdown').locator('option[value="officer"]').count(), 0)
  assert.equal(await page.locator('a[href^="/exceptions"]').count(), 0)
  await page.goto('/boardpack')
  await page.getByRole('heading', { level: 1, name: 'Board pack' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'boardpack')
  await Promise.all([page.waitForURL(/\/api\/v1\/boardpack\?/),
    page.getByRole('link', { name: /Open the board pack/ }).click()])
  await assertNoneOf(page, forbidden)
  await checkAxe(page)
  await screenshot(page, 'boardpack-document')
  // Exceptions are refused.
  const refused = await page.goto('/exceptions')
  assert.equal(refused.status(), 403)
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
})
