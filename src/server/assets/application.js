// The service's one script, loaded by every page as a module (<script type="module">): it marks
// the page as one where GOV.UK Frontend runs (only browsers that run modules get here), then
// starts GOV.UK Frontend's and MoJ Frontend's components. The pages work without it
// (progressive enhancement); nothing is inline, so the Content-Security-Policy allows scripts
// from 'self' alone.
import { initAll as initGovukFrontend } from '/assets/govuk-frontend.min.js'
import { initAll as initMojFrontend } from '/assets/moj-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initGovukFrontend()
initMojFrontend()
