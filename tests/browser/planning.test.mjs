// Plans and risk registers in a real browser (docs/plans.md and docs/risks.md, "The web pages"):
// a performance analyst records a progress note with a quarter's RAG and sees it on the action;
// a manager records a review of a risk they own and sees it; a Board member finds plan progress
// and the heat map, with no case key; axe on every plan and risk page each role can reach.
// The fixture's registers come from examples/, whose owners are roles ("Finance Manager"), so
// the manager's journey first loads a one-risk register owned by the fixture's manager (by
// `probation risks import`, as an analyst would), which no other test file reads.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { checkAxe, fixture, screenshot, signIn, useBrowser } from './helpers.mjs'

const browser = useBrowser()
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const binary = fixture.binary ?? join(root, 'build', 'probation')

// The plan and risk pages a role reaches from the navigation, one of each kind.
const kReadPages = [
  '/plans',
  '/plans/derbyshire-2008-09',
  '/plans/derbyshire-2008-09/items/6.4.1',
  '/risks',
  '/risks/nps-2005-06/7'
]

function loadOwnedRegister () {
  const dir = mkdtempSync(join(tmpdir(), 'probation-planning-'))
  try {
    const file = join(dir, 'browser-test-register.toml')
    writeFileSync(file, [
      'id = "browser-test-register"',
      'organisation = "Browser Test Trust"',
      'title = "Browser test risks"',
      'period = "2010-11"',
      '',
      '[[risks]]',
      'reference = "1"',
      'title = "Court reports late"',
      'description = "Pre-sentence reports are not delivered on the day the court set."',
      `owner = "${fixture.users.manager.name}"`,
      'residual = { likelihood = "M", impact = "M" }',
      ''
    ].join('\n'))
    execFileSync(binary, ['risks', 'import', '--db', fixture.db, file], { stdio: ['ignore', 'pipe', 'pipe'] })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('an analyst records a progress note with a quarter RAG and sees it', async () => {
  const page = await browser.newPage()
  await signIn(page, 'performance-analyst')
  await page.goto('/plans')
  assert.equal(await page.getByRole('link', { name: 'Plans', exact: true }).getAttribute('aria-current'), 'page')
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Business plans')
  await checkAxe(page)
  await screenshot(page, 'plans')

  await page.goto('/plans/thames-valley-2009-12/items/W1.1')
  await checkAxe(page)
  // Red without a comment: the error summary names the field, and what was typed stays.
  await page.getByLabel('Progress note').fill('Pilot running in two LDUs; evaluation due in March.')
  await page.getByLabel('Quarter', { exact: true }).selectOption('2010-Q2')
  await page.getByLabel('Red', { exact: true }).check()
  await page.getByRole('button', { name: 'Record progress' }).click()
  const summary = page.locator('.govuk-error-summary')
  await summary.waitFor()
  assert.match(await summary.textContent(), /Say why the action is red and what is being done/)
  assert.equal(await page.getByLabel('Progress note').inputValue(),
    'Pilot running in two LDUs; evaluation due in March.')
  assert.equal(await page.getByLabel('Quarter', { exact: true }).inputValue(), '2010-Q2')
  assert.ok(await page.getByLabel('Red', { exact: true }).isChecked())
  await checkAxe(page)
  await screenshot(page, 'plan-item-error')
  // The error summary's link takes the keyboard to the field.
  await summary.getByRole('link').first().click()
  assert.equal(await page.evaluate(() => document.activeElement.id), 'comment')

  // The failed submission's own answer (400, as the design system's pattern has it) is the one
  // console message Chromium writes for it; nothing else may be there.
  page.problems = page.problems.filter((p) => !/status of 400/.test(p))
  await page.getByLabel('Comment on the rating').fill('Evaluation delayed by the data extract; recovery plan agreed.')
  await Promise.all([
    page.waitForURL('**/plans/thames-valley-2009-12/items/W1.1?recorded=1'),
    page.getByRole('button', { name: 'Record progress' }).click()
  ])
  await page.getByText('Progress recorded.').waitFor()
  const notes = await page.locator('main').textContent()
  assert.match(notes, /Pilot running in two LDUs; evaluation due in March\./)
  assert.match(notes, new RegExp(fixture.users['performance-analyst'].name))
  const rating = page.locator('tr', { has: page.getByRole('rowheader', { name: '2010-Q2' }) })
  assert.match(await rating.textContent(), /Red/)
  assert.match(await rating.textContent(), /recovery plan agreed/)
  await checkAxe(page)
  await screenshot(page, 'plan-item')
  assert.deepEqual(page.problems, [])
})

test('a manager records a review of a risk they own', async () => {
  loadOwnedRegister()
  const page = await browser.newPage()
  await signIn(page, 'manager')
  await page.goto('/risks')
  await checkAxe(page)
  await page.locator('a[href="/risks/browser-test-register/1"]').click()
  await page.waitForURL('**/risks/browser-test-register/1')
  await checkAxe(page)
  await page.getByRole('group', { name: 'Likelihood' }).getByLabel('High', { exact: true }).check()
  await page.getByRole('group', { name: 'Impact' }).getByLabel('High', { exact: true }).check()
  await page.getByLabel('What the review found').fill('Two listings a week now miss the report.')
  await page.getByRole('button', { name: 'Record review' }).click()
  // H/H scores 22, red: the register's rule wants comments, beside the comments field.
  await page.locator('.govuk-error-summary').waitFor()
  assert.match(await page.locator('.govuk-error-summary').textContent(), /a red risk must say what is being done/)
  assert.equal(await page.getByLabel('What the review found').inputValue(), 'Two listings a week now miss the report.')
  await checkAxe(page)
  page.problems = page.problems.filter((p) => !/status of 400/.test(p))
  await page.getByLabel('Comments (optional)').fill('Report writers moved to the Tuesday court.')
  await Promise.all([
    page.waitForURL('**/risks/browser-test-register/1?reviewed=1'),
    page.getByRole('button', { name: 'Record review' }).click()
  ])
  await page.getByText('Review recorded.').waitFor()
  const main = await page.locator('main').textContent()
  assert.match(main, /Two listings a week now miss the report\./)
  assert.match(main, new RegExp(fixture.users.manager.name))
  assert.match(main, /Red\s*Score 22/)
  await checkAxe(page)
  await screenshot(page, 'risk-reviewed')
  // Another register's risk is the owner's to review, not this manager's: no form.
  await page.goto('/risks/nps-2005-06/7')
  assert.equal(await page.getByRole('button', { name: 'Record review' }).count(), 0)
  assert.deepEqual(page.problems, [])
})

test('a Board member sees plan progress and the heat map, with no case key', async () => {
  const page = await browser.newPage()
  await signIn(page, 'board-member')
  await page.goto('/plans')
  const progress = page.getByRole('table', { name: /Derbyshire Probation Board.*actions by RAG rating/ })
  await progress.waitFor()
  assert.match(await progress.textContent(), /2008-Q1/)
  await page.goto('/risks')
  const heat = page.getByRole('table', { name: /risks by residual likelihood \(rows\) and impact \(columns\)/ }).first()
  await heat.waitFor()
  assert.match(await heat.textContent(), /Very high \(VH\)/)
  assert.match(await heat.textContent(), /Black, 25/)
  // The same grid drawn above each table: an image named by its count and described in words,
  // each cell's band also a word.
  const drawn = page.getByRole('img', { name: /risks by likelihood and impact$/ })
  assert.equal(await drawn.count(), await page.locator('table.app-heat-map').count())
  const first = drawn.first()
  const described = await first.evaluate((svg) => document.getElementById(svg.getAttribute('aria-describedby'))?.textContent ?? '')
  assert.match(described, /^\d+ at likelihood .+ and impact .+ \((Green|Amber|Red|Black), score \d+\)/)
  assert.equal(await first.locator('text', { hasText: /^(Green|Amber|Red|Black)$/ }).count(), 25)
  assert.ok(await first.isVisible())
  await screenshot(page, 'risks')
  for (const path of kReadPages) {
    await page.goto(path)
    const text = await page.locator('body').textContent()
    assert.ok(!text.includes(fixture.ownCrn), `a CRN on ${path}`)
    assert.equal(await page.locator('form[method="post"] button', { hasText: /Record/ }).count(), 0, path)
  }
  assert.deepEqual(page.problems, [])
})

test('axe: every plan and risk page each role can reach', async () => {
  for (const role of ['practitioner', 'manager', 'performance-analyst', 'board-member']) {
    const page = await browser.newPage()
    await signIn(page, role)
    for (const path of kReadPages) {
      const response = await page.goto(path)
      assert.equal(response.status(), 200, `${role} ${path}`)
      await checkAxe(page)
    }
    assert.deepEqual(page.problems, [], role)
  }
  // The administrator: not allowed, in the design system's page.
  const page = await browser.newPage()
  await signIn(page, 'administrator')
  const response = await page.goto('/plans')
  assert.equal(response.status(), 403)
  await checkAxe(page)
})
