// The offender manager in a real browser (issue 13): the caseload, what falls due, case search,
// the case page and each form, axe on every one of them (the forms also with their errors),
// screenshots of the main ones; the main job end to end (record an attended appointment, see it
// on the case and the due list follow the write); and one journey with the keyboard only.
//
// It writes contacts on the fixture's own sentence (fixture.ownCrn / ownEvent) and reads back
// only what it wrote.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { checkAxe, fixture, screenshot, signIn, useBrowser } from './helpers.mjs'

const browser = useBrowser()
const casePath = `/cases/${fixture.ownCrn}`

// The figures version the due page says it was judged with.
async function figuresVersion (page) {
  await page.goto('/due')
  const text = await page.locator('main').innerText()
  const m = text.match(/figures version (\d+)/)
  assert.ok(m, 'the due page names its figures version')
  return Number(m[1])
}

// Presses Tab until the focused element satisfies `isTarget` (evaluated in the page on
// document.activeElement), at most `limit` times.
async function tabTo (page, isTarget, arg, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(isTarget, arg)) return
  }
  assert.fail(`Tab never reached the element (${arg})`)
}

test('caseload, due and search pages: in scope, accessible, sortable by link', async () => {
  const page = await browser.newPage()
  await signIn(page, 'practitioner')
  assert.match(page.url(), /\/caseload$/)
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor())
  await checkAxe(page)
  await screenshot(page, 'practitioner-caseload')
  // Sort by CRN by the column's link, then the other way.
  await page.getByRole('link', { name: 'CRN', exact: true }).click()
  assert.match(page.url(), /sort=crn&order=asc/)
  await checkAxe(page)
  await page.getByRole('link', { name: 'CRN', exact: true }).click()
  assert.match(page.url(), /sort=crn&order=desc/)

  await page.goto('/due')
  await checkAxe(page)
  await screenshot(page, 'practitioner-due')
  await page.getByRole('link', { name: 'Show every pending item' }).click()
  await checkAxe(page)

  await page.goto('/cases')
  await checkAxe(page)
  await page.getByLabel('CRN or surname').fill(fixture.ownCrn)
  await page.getByRole('button', { name: 'Search' }).click()
  await checkAxe(page)
  await screenshot(page, 'practitioner-search')
  await page.getByRole('link', { name: fixture.ownCrn, exact: true }).click()
  assert.equal(new URL(page.url()).pathname, casePath)
  await checkAxe(page)
  await screenshot(page, 'practitioner-case')
  // The timeline filtered to one kind, by link.
  await page.getByRole('link', { name: /^Assessments \(\d+\)$/ }).click()
  assert.match(page.url(), /kind=assessments/)
  await checkAxe(page)
  assert.deepEqual(page.problems, [])
})

test('an offender manager records an attended appointment and sees it on the case and in the due list', async () => {
  const page = await browser.newPage()
  await signIn(page, 'practitioner')
  const before = await figuresVersion(page)

  await page.goto(casePath)
  await page.getByRole('link', { name: `Record a contact on sentence ${fixture.ownEvent}` }).click()
  await page.getByRole('heading', { level: 1, name: 'Record a contact' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'practitioner-contact-form')

  // Submitted empty: the error summary, each field named; axe on the page with errors.
  await page.getByRole('button', { name: 'Record the contact' }).click()
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'practitioner-contact-form-errors')
  await page.getByRole('link', { name: 'Enter the date of the contact' }).waitFor()

  // An appointment held on 4 February 2011: attended and complied.
  await page.getByLabel('Day').fill('4')
  await page.getByLabel('Month').fill('2')
  await page.getByLabel('Year').fill('2011')
  await page.getByLabel('Appointment with the offender manager').check()
  await page.getByRole('group', { name: 'Is the contact required by national standards?' }).getByLabel('Yes').check()
  await page.getByRole('group', { name: 'Was it arranged as the national standards require?' }).getByLabel('Yes').check()
  await page.getByLabel('Attended and complied').check()
  await page.getByRole('button', { name: 'Record the contact' }).click()

  // On the case at once, with the banner.
  await page.waitForURL((u) => u.pathname === casePath)
  await page.getByText('Contact recorded').waitFor()
  const entry = page.locator('.moj-timeline__item', { hasText: '4 February 2011' })
    .filter({ hasText: 'Appointment with the offender manager' })
    .filter({ hasText: 'Attended and complied' })
  assert.ok(await entry.count() >= 1, 'the appointment is on the timeline with its outcome')
  await checkAxe(page)
  await screenshot(page, 'practitioner-case-recorded')

  // The due list follows: the write woke the live engine, which judged the items again.
  let after = before
  for (let i = 0; i < 100 && after === before; i++) {
    after = await figuresVersion(page)
    if (after === before) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  assert.ok(after > before, `the due list is judged with new figures (${before} -> ${after})`)
  await checkAxe(page)

  // The outcome form on an existing contact, and the breach and assessment forms: axe, also
  // with their errors.
  await page.goto(casePath + '?kind=contacts')
  await page.getByRole('link', { name: /^(Record|Change) the outcome/ }).first().click()
  await page.getByRole('heading', { level: 1, name: "Record an appointment's outcome" }).waitFor()
  await checkAxe(page)
  await page.goto(`${casePath}/sentences/${fixture.ownEvent}/breaches/new`)
  await checkAxe(page)
  await page.getByRole('button', { name: 'Record the breach' }).click()
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'practitioner-breach-form-errors')
  // An assessment's dates, if the case has an assessment on a sentence of this officer.
  await page.goto(casePath + '?kind=assessments')
  const datesLink = page.getByRole('link', { name: /^Record the dates/ })
  if (await datesLink.count() > 0) {
    await datesLink.first().click()
    await page.getByRole('heading', { level: 1, name: "Record an assessment's dates" }).waitFor()
    await checkAxe(page)
    await page.getByRole('group', { name: 'Date the assessment started' }).getByLabel('Day').fill('45')
    await page.getByRole('button', { name: 'Record the dates' }).click()
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor()
    await checkAxe(page)
  }
  assert.deepEqual(page.problems, [])
})

test('record a contact with the keyboard only', async () => {
  const page = await browser.newPage()
  await signIn(page, 'practitioner')
  await page.goto(casePath)
  // To the sentence's "Record a contact" link, and follow it.
  await tabTo(page, (event) => document.activeElement?.textContent?.trim() === `Record a contact on sentence ${event}`, fixture.ownEvent)
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name: 'Record a contact' }).waitFor()
  // The date, field by field.
  await tabTo(page, (id) => document.activeElement?.id === id, 'contact_date-day')
  await page.keyboard.type('7')
  await page.keyboard.press('Tab')
  await page.keyboard.type('2')
  await page.keyboard.press('Tab')
  await page.keyboard.type('2011')
  // Each radio group: Tab lands on its first radio; Space chooses it (the contact type's first
  // is an appointment with the offender manager; the yes/no groups start with Yes; the first
  // outcome is attended and complied).
  for (const name of ['contact_type', 'ns_required', 'arranged', 'outcome']) {
    await tabTo(page, (n) => document.activeElement?.name === n, name)
    await page.keyboard.press('Space')
    assert.ok(await page.evaluate((n) => document.activeElement.checked && document.activeElement.name === n, name))
  }
  // Focus is visible on the button; Enter submits.
  await tabTo(page, () => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === 'Record the contact')
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).boxShadow)
  assert.notEqual(outline, 'none none', 'the focused button shows its focus')
  await page.keyboard.press('Enter')
  await page.waitForURL((u) => u.pathname === casePath)
  await page.getByText('Contact recorded').waitFor()
  const entry = page.locator('.moj-timeline__item', { hasText: '7 February 2011' })
    .filter({ hasText: 'Attended and complied' })
  assert.ok(await entry.count() >= 1, 'the contact recorded by keyboard is on the case')
  assert.deepEqual(page.problems, [])
})

test('an analyst reads a case but has no form to record on it', async () => {
  const page = await browser.newPage()
  await signIn(page, 'performance-analyst')
  await page.goto(casePath)
  await checkAxe(page)
  assert.equal(await page.getByRole('link', { name: /Record a contact/ }).count(), 0)
  const refused = await page.goto(`${casePath}/sentences/${fixture.ownEvent}/contacts/new`)
  assert.equal(refused.status(), 403)
  await checkAxe(page)
  await page.goto(`/caseload?unit=${fixture.team}`)
  await checkAxe(page)
  await screenshot(page, 'analyst-caseload')
  assert.equal(await page.goto(`${casePath}/assessments/new`).then((r) => r.status()), 403)
  assert.deepEqual(page.problems, [])
})

test('an offender manager records a new assessment from the case page', async () => {
  const page = await browser.newPage()
  await signIn(page, 'practitioner')
  await page.goto(casePath + '?kind=assessments')
  const before = await page.locator('.moj-timeline__item').count()
  await page.getByRole('button', { name: 'Record a new assessment' }).click()
  await page.getByRole('heading', { level: 1, name: 'Record a new assessment' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'practitioner-new-assessment-form')
  // Submitted empty: each field named in the summary.
  await page.getByRole('button', { name: 'Record the assessment' }).click()
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor()
  await page.getByRole('link', { name: 'Select the type of assessment' }).waitFor()
  await page.getByRole('link', { name: 'Enter the date the assessment started' }).waitFor()
  await checkAxe(page)
  await screenshot(page, 'practitioner-new-assessment-errors')
  // A review on the fixture's sentence, started 8 February 2011, not yet completed.
  const sentence = page.getByRole('group', { name: 'Which sentence is it for?' })
  await sentence.getByLabel(new RegExp(`^Sentence ${fixture.ownEvent}:`)).check()
  await page.getByLabel('Review', { exact: true }).check()
  const started = page.getByRole('group', { name: 'Date the assessment started' })
  await started.getByLabel('Day').fill('8')
  await started.getByLabel('Month').fill('2')
  await started.getByLabel('Year').fill('2011')
  await page.getByRole('button', { name: 'Record the assessment' }).click()
  await page.waitForURL((u) => u.pathname === casePath)
  await page.getByText('Assessment recorded').waitFor()
  await page.goto(casePath + '?kind=assessments')
  assert.equal(await page.locator('.moj-timeline__item').count(), Math.min(before + 1, 50))
  const entry = page.locator('.moj-timeline__item', { hasText: '8 February 2011' })
    .filter({ hasText: 'Assessment: Review' })
  assert.ok(await entry.count() >= 1, 'the new assessment is on the timeline')
  await checkAxe(page)
  await screenshot(page, 'practitioner-case-new-assessment')
  assert.deepEqual(page.problems, [])
})
