// The service's one script, loaded as a module by every page (<script type="module">): it
// starts GOV.UK Frontend's and MoJ Frontend's components. The pages work without it
// (progressive enhancement); nothing else runs and nothing is inline, so the
// Content-Security-Policy allows scripts from 'self' only.
import { initAll as initGovukFrontend } from '/assets/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '/assets/moj-frontend.min.js'

initGovukFrontend()
initMojFrontend()
