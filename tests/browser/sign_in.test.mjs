// Everyone's pages: sign in (and its errors), the header after sign-in, sign out, page not
// found, and the sign-in form by keyboard alone. Every page checked with axe.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { checkAxe, fixture, roles, screenshot, signIn, useBrowser } from './helpers.mjs'

const browser = useBrowser()

test('the sign-in page passes axe and uses the design system', async () => {
  const page = await browser.newPage()
  const response = await page.goto('/sign-in')
  assert.equal(response.status(), 200)
  assert.match(response.headers()['content-type'], /^text\/html/)
  // The stylesheet and the script are ours, served from /assets/ under the CSP.
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href')
  assert.match(stylesheet, /^\/assets\/application\.css/)
  const css = await page.request.get(stylesheet)
  assert.equal(css.status(), 200)
  assert.match(css.headers()['content-type'], /^text\/css/)
  // GOV.UK Frontend's JavaScript ran: the body says so.
  await page.waitForFunction(() => document.body.classList.contains('govuk-frontend-supported'))
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1)
  await checkAxe(page)
  await screenshot(page, 'sign-in')
  assert.deepEqual(page.problems, [], 'console errors (a CSP violation, a failed asset)')
})

for (const role of roles) {
  test(`signing in as ${role} shows the user's name in the header`, async () => {
    const page = await browser.newPage()
    const user = await signIn(page, role)
    // A page every role has (the home page of each role is the subject of its own file).
    await page.goto('/account/password')
    await assert.doesNotReject(
      page.locator('header').getByText(user.name).first().waitFor({ timeout: 5000 }),
      `${user.name} not in the header of ${page.url()}`)
    await checkAxe(page)
    await screenshot(page, `change-password-${role}`)
    assert.deepEqual(page.problems, [])
  })
}

test('a wrong password shows the error summary and keeps the username', async () => {
  const page = await browser.newPage()
  const user = fixture.users['performance-analyst']
  await page.goto('/sign-in')
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password', { exact: true }).fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  const summary = page.locator('.govuk-error-summary')
  await summary.waitFor()
  assert.match(await summary.innerText(), /There is a problem/)
  assert.equal(await page.getByLabel('Username').inputValue(), user.username)
  assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '')
  assert.match(await page.title(), /^Error: /)
  await checkAxe(page)
  await screenshot(page, 'sign-in-error')
})

test('signing out ends the session', async () => {
  const page = await browser.newPage()
  await signIn(page, 'manager')
  await page.goto('/account/password')
  const signedInAt = page.url()
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith('/sign-in')),
    page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('link', { name: 'Sign out' })).first().click()
  ])
  // The page that was open now asks for sign-in again.
  await page.goto(signedInAt)
  assert.match(new URL(page.url()).pathname, /^\/sign-in/)
})

test('an unknown path shows the page-not-found page', async () => {
  const page = await browser.newPage()
  await signIn(page, 'practitioner')
  const response = await page.goto('/no/such/page')
  assert.equal(response.status(), 404)
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Page not found/)
  await checkAxe(page)
  await screenshot(page, 'not-found')
})

test('the keyboard alone reaches and submits the sign-in form', async () => {
  const page = await browser.newPage()
  const user = fixture.users.practitioner
  await page.goto('/sign-in')
  const focused = () => page.evaluate(() => {
    const e = document.activeElement
    return e ? (e.id || e.getAttribute('name') || e.tagName) : ''
  })
  // Tab from the top of the page to the username field (past the skip link and the header).
  let steps = 0
  for (; steps < 15 && (await focused()) !== 'username'; steps++) await page.keyboard.press('Tab')
  assert.equal(await focused(), 'username', 'Tab never reached the username field')
  await page.keyboard.type(user.username)
  await page.keyboard.press('Tab')
  assert.equal(await focused(), 'password')
  await page.keyboard.type(user.password)
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.keyboard.press('Enter')
  ])
  // The focus is visible: the design system's yellow focus ring on a focused link.
  await page.keyboard.press('Tab')
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
  const shadow = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow)
  assert.ok(outline !== 'none' || shadow !== 'none', 'no visible focus indicator')
})
