// The browser tests' fixture and runner (ctest's browser_tests; see README.md here):
//   node tests/browser/run.mjs --binary build/probation [--screenshots build/screenshots]
//                              [test files...]
// makes a temporary folder, generates a small trust into it, imports it with the example plans
// and risk registers, adds one user per role with a known password, starts `probation serve` on
// a free loopback port, runs every tests/browser/*.test.mjs (or the files given) with node's
// test runner against it, then stops the server and removes the folder. The tests read what
// they need from the environment: PROBATION_BROWSER_FIXTURE (a JSON file: base URL, users,
// unit codes; helpers.mjs reads it) and PROBATION_SCREENSHOTS.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')

function parseArgs (argv) {
  const args = { binary: join(root, 'build', 'probation'), screenshots: join(root, 'build', 'screenshots'), files: [] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--binary') args.binary = resolve(argv[++i])
    else if (argv[i] === '--screenshots') args.screenshots = resolve(argv[++i])
    else args.files.push(resolve(argv[i]))
  }
  return args
}

// The password every fixture user has (the fixture is thrown away after the run).
export const kPassword = 'correct horse battery staple 42'

function probation (binary, args, input) {
  return execFileSync(binary, args, { input, stdio: ['pipe', 'pipe', 'pipe'], encoding: 'utf8' })
}

// One value from the fixture's database (sqlite3, read-only; the SQL is the fixture's own).
function one (db, sql) {
  return execFileSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' }).trim().split('\n')[0]
}

function makeData (binary, dir) {
  const data = join(dir, 'data')
  const db = join(dir, 'probation.db')
  probation(binary, ['generate', '--out', data, '--seed', '5', '--scale', '0.1'])
  probation(binary, ['import', '--db', db, '--report', join(dir, 'rejects.csv'), data])
  const examples = join(root, 'examples')
  const tomls = (folder) => readdirSync(join(examples, folder)).filter((f) => f.endsWith('.toml'))
    .sort().map((f) => join(examples, folder, f))
  probation(binary, ['plan', 'import', '--db', db, ...tomls('plans')])
  probation(binary, ['risks', 'import', '--db', db, ...tomls('risks')])

  // The units and people the tests name, chosen as tests/server_authz_test.cc chooses them: the
  // first trust, its first LDU and team, and an officer of that team holding an open sentence.
  const trust = one(db, "SELECT code FROM org_units WHERE level = 'trust' ORDER BY code LIMIT 1")
  const ldu = one(db, `SELECT code FROM org_units WHERE level = 'ldu' AND parent_code = '${trust}' ORDER BY code LIMIT 1`)
  const team = one(db, `SELECT code FROM org_units WHERE level = 'team' AND parent_code = '${ldu}' ORDER BY code LIMIT 1`)
  const officer = one(db, `SELECT staff_id FROM staff WHERE team_code = '${team}' AND EXISTS (
      SELECT 1 FROM responsible_officers ro WHERE ro.staff_id = staff.staff_id AND ro.end_date IS NULL
      AND EXISTS (SELECT 1 FROM contacts c WHERE c.crn = ro.crn AND c.event_no = ro.event_no))
    ORDER BY staff_id LIMIT 1`)
  const ownCase = one(db, `SELECT crn || ' ' || event_no FROM responsible_officers ro WHERE staff_id = '${officer}'
    AND end_date IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.crn = ro.crn AND c.event_no = ro.event_no)
    ORDER BY crn, event_no LIMIT 1`).split(' ')

  const users = {
    practitioner: { username: 'olivia', name: 'Olivia Officer', role: 'practitioner', staff: officer },
    manager: { username: 'mark', name: 'Mark Manager', role: 'manager', unit: ldu },
    'performance-analyst': { username: 'ana', name: 'Ana Analyst', role: 'performance-analyst', unit: trust },
    'board-member': { username: 'bea', name: 'Bea Board', role: 'board-member', unit: trust },
    administrator: { username: 'ada', name: 'Ada Admin', role: 'administrator' }
  }
  for (const user of Object.values(users)) {
    const args = ['users', 'add', '--db', db, user.username, '--name', user.name, '--role', user.role,
      '--password-stdin']
    if (user.unit) args.push('--unit', user.unit)
    if (user.staff) args.push('--staff', user.staff)
    probation(binary, args, kPassword + '\n')
    user.password = kPassword
  }
  return { db, trust, ldu, team, officer, ownCrn: ownCase[0], ownEvent: ownCase[1], users }
}

// Starts the server on a free loopback port; resolves with the child and its base URL once it
// says it is listening.
function startServer (binary, db) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '4'],
      { stdio: ['ignore', 'ignore', 'pipe'] })
    let log = ''
    const timer = setTimeout(() => reject(new Error('probation serve did not start in 60 s:\n' + log)), 60000)
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk) => {
      log += chunk
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//)
      if (m && timer) {
        clearTimeout(timer)
        resolvePromise({ child, url: m[1], log: () => log })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`probation serve exited (${code}):\n${log}`))
    })
  })
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const dir = mkdtempSync(join(tmpdir(), 'probation-browser-'))
  let server
  let status = 1
  try {
    const started = Date.now()
    const fixture = makeData(args.binary, dir)
    server = await startServer(args.binary, fixture.db)
    fixture.url = server.url
    const fixturePath = join(dir, 'fixture.json')
    writeFileSync(fixturePath, JSON.stringify(fixture, null, 2))
    mkdirSync(args.screenshots, { recursive: true })
    console.log(`fixture ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.url}`)
    const files = args.files.length > 0
      ? args.files
      : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(here, f))
    // One file at a time (each starts a Chromium); Node 18 has no such switch, and runs one
    // at a time on a 2-core machine anyway.
    const oneAtATime = Number(process.versions.node.split('.')[0]) >= 20 ? ['--test-concurrency=1'] : []
    const runner = spawn(process.execPath, ['--test', ...oneAtATime, ...files], {
      stdio: 'inherit',
      env: { ...process.env, PROBATION_BROWSER_FIXTURE: fixturePath, PROBATION_SCREENSHOTS: args.screenshots }
    })
    status = await new Promise((resolvePromise) => runner.on('exit', (code) => resolvePromise(code ?? 1)))
  } finally {
    if (server) {
      server.child.removeAllListeners('exit')
      const exited = new Promise((resolvePromise) => server.child.on('exit', resolvePromise))
      server.child.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolvePromise) => setTimeout(resolvePromise, 10000))])
      if (server.child.exitCode === null) server.child.kill('SIGKILL')
      if (status !== 0) console.error('--- server log ---\n' + server.log().split('\n').slice(-40).join('\n'))
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.exitCode = status
}

await main()
