// The administrator's journeys (and the analyst's upload): find who looked at a case, manage a
// user, verify the audit chain, the session timeout warning; axe on every page the
// administrator can reach. Run through run.mjs (README.md here).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { checkAxe, fixture, screenshot, signIn, useBrowser } from './helpers.mjs'

const browser = useBrowser()

test('an administrator finds who looked at a case', async () => {
  // The offender manager reads one of their cases.
  const practitioner = await browser.newPage()
  const officer = await signIn(practitioner, 'practitioner')
  const read = await practitioner.request.get(`/api/v1/cases/${fixture.ownCrn}`)
  assert.equal(read.status(), 200)

  const page = await browser.newPage()
  await signIn(page, 'administrator')
  await page.goto('/admin/audit')
  await checkAxe(page)
  await page.getByLabel('CRN or other record key').fill(fixture.ownCrn)
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForURL(/\/admin\/audit\?crn=/)
  const table = page.getByRole('table')
  await assert.doesNotReject(table.getByText(`for ${fixture.ownCrn}, newest first`).waitFor())
  const row = table.getByRole('row').filter({ hasText: officer.username })
    .filter({ hasText: 'GET /api/v1/cases/{crn}' })
  assert.ok(await row.count() >= 1, 'the practitioner\'s read is in the audit log')
  assert.match(await row.first().innerText(), new RegExp(`people ${fixture.ownCrn}`))
  assert.match(await row.first().innerText(), /Allowed/)
  await checkAxe(page)
  await screenshot(page, 'admin-audit-search')

  // The chain, verified on request.
  await page.getByRole('button', { name: 'Verify the audit chain' }).click()
  await page.waitForURL(/\/admin\/audit\/verify/)
  await assert.doesNotReject(page.getByRole('heading', { name: 'The audit log is intact' }).waitFor())
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Entries checked\s+\d+/)
  await checkAxe(page)
  await screenshot(page, 'admin-audit-verify')

  // A search with a mistake: the error summary, axe-clean too.
  await page.goto('/admin/audit?from-day=31&from-month=2&from-year=2024')
  await assert.doesNotReject(page.getByRole('link', { name: 'The from date must be a real date' }).waitFor())
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
  assert.deepEqual(practitioner.problems, [])
})

test('an administrator adds a user, resets the password and changes the role', async () => {
  const page = await browser.newPage()
  await signIn(page, 'administrator')
  await page.goto('/admin/users')
  await checkAxe(page)
  await screenshot(page, 'admin-users')
  await page.getByRole('button', { name: 'Add a user' }).click()
  await page.waitForURL('**/admin/new-user')
  await checkAxe(page)

  // Nothing typed: the errors, named and linked.
  await page.getByRole('button', { name: 'Add user' }).click()
  await assert.doesNotReject(page.getByRole('link', { name: 'Enter a username' }).waitFor())
  await checkAxe(page)
  await screenshot(page, 'admin-new-user-errors')

  const username = `browser-${Date.now()}`
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Full name').fill('Brow Ser')
  await page.getByLabel('Manager', { exact: true }).check()
  await page.getByLabel('Organisation unit code').fill(fixture.team)
  await page.getByRole('button', { name: 'Add user' }).click()
  await assert.doesNotReject(page.getByRole('heading', { name: 'User added' }).waitFor())
  const password = (await page.locator('#new-password').innerText()).trim()
  assert.ok(password.length >= 12)
  await checkAxe(page)

  // The new user signs in with it.
  const newcomer = await browser.newPage()
  await newcomer.goto('/sign-in')
  await newcomer.getByLabel('Username').fill(username)
  await newcomer.getByLabel('Password', { exact: true }).fill(password)
  await Promise.all([
    newcomer.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    newcomer.getByRole('button', { name: 'Sign in' }).click()
  ])

  // Their page: change the role to analyst (ends their session), then disable them.
  await page.getByRole('link', { name: `Go to ${username}'s account` }).click()
  await page.waitForURL(`**/admin/users/${username}`)
  await checkAxe(page)
  await screenshot(page, 'admin-user')
  await page.getByLabel('Performance analyst').check()
  await page.getByRole('button', { name: 'Change role and unit' }).click()
  await assert.doesNotReject(page.getByText('Role and unit changed').waitFor())
  await checkAxe(page)
  await page.getByRole('button', { name: 'Disable account' }).click()
  await assert.doesNotReject(page.getByText('Account disabled').waitFor())
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Performance analyst[\s\S]*Disabled/)
  await page.getByRole('button', { name: 'Reset password' }).click()
  await assert.doesNotReject(page.getByRole('heading', { name: 'Password reset' }).waitFor())
  await checkAxe(page)
  const response = await newcomer.goto('/account/password')
  assert.ok(newcomer.url().includes('/sign-in'), `the newcomer's session has ended (${response.status()})`)
  assert.deepEqual(page.problems, [])
})

test('the session timeout warning comes two minutes before the idle expiry', async () => {
  const page = await browser.newPage()
  await page.clock.install()
  await signIn(page, 'administrator')
  await page.goto('/admin/users')
  const idle = Number(await page.locator('body').getAttribute('data-session-idle-seconds'))
  assert.ok(idle > 120)
  const dialog = page.getByRole('dialog', { name: 'You are about to be signed out' })
  await page.clock.runFor((idle - 121) * 1000)
  assert.equal(await dialog.isVisible(), false)
  await page.clock.runFor(2000)
  await assert.doesNotReject(dialog.waitFor())
  await checkAxe(page)
  await screenshot(page, 'session-timeout-warning')
  // Stay signed in: asks the server (which keeps the session) and closes the warning.
  const me = page.waitForResponse('**/api/v1/me')
  await page.getByRole('button', { name: 'Stay signed in' }).click()
  assert.equal((await me).status(), 200)
  await dialog.waitFor({ state: 'hidden' })
  // Left alone to the expiry: the sign-in page says why.
  await page.clock.runFor(idle * 1000)
  await page.waitForURL('**/sign-in?timed_out=1')
  await assert.doesNotReject(page.getByText('You were signed out because you had not done anything').waitFor())
  assert.deepEqual(page.problems, [])
})

test('an analyst uploads a file with a bad row and sees the rejection with its line', async () => {
  const page = await browser.newPage()
  await signIn(page, 'performance-analyst')
  await page.goto('/imports/new')
  await checkAxe(page)
  await screenshot(page, 'imports-new')
  // Nothing chosen: the error, named and linked.
  await page.getByRole('button', { name: 'Upload and load' }).click()
  await assert.doesNotReject(page.getByRole('link', { name: /file/i }).first().waitFor())
  await checkAxe(page)
  // Two new people (keys no other test reads); line 3 has a date that does not exist.
  const csv = 'crn,surname,forenames,date_of_birth,gender\n' +
    'Z900001,Upload,Ann,1980-01-01,F\n' +
    'Z900002,Upload,Bob,1980-02-30,M\n'
  await page.getByLabel('CSV files').setInputFiles({ name: 'people-browser.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: 'Upload and load' }).click()
  await assert.doesNotReject(page.getByRole('heading', { name: 'Extracts loaded' }).waitFor())
  const figures = page.getByRole('table', { name: /by file/ })
  assert.match(await figures.getByRole('row', { name: /people-browser\.csv/ }).innerText(), /people\s+2\s+1\s+1/)
  const rejections = page.getByRole('table', { name: /rejection/i })
  const bad = rejections.getByRole('row').filter({ hasText: 'people-browser.csv' })
  assert.equal(await bad.count(), 1)
  assert.match(await bad.innerText(), /people-browser\.csv\s+3\s+date_of_birth\s+1980-02-30/)
  assert.equal(await page.getByRole('link', { name: /Download every rejection/ }).getAttribute('download'), 'rejections.csv')
  await checkAxe(page)
  await screenshot(page, 'imports-result')
  assert.deepEqual(page.problems, [])
})
