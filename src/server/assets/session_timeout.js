// The session timeout warning. The layout puts the session's idle expiry on the body
// (data-session-idle-seconds, signed-in pages only). Two minutes before it runs out, a modal
// dialog (the native <dialog>: focus moves into it and stays there, Escape closes it) says so
// and offers "Stay signed in", which asks GET /api/v1/me (any request made with the session
// keeps it alive) and starts the count again. At the expiry the browser goes to
// /sign-in?timed_out=1, where the sign-in page says why. Without JavaScript nothing changes:
// the server ends the idle session and the next page asks the user to sign in.
const kWarnSeconds = 120

function dialogElement () {
  const dialog = document.createElement('dialog')
  dialog.className = 'app-session-dialog'
  dialog.setAttribute('aria-labelledby', 'app-session-dialog-title')
  dialog.setAttribute('aria-describedby', 'app-session-dialog-text')
  dialog.innerHTML =
    '<h2 class="govuk-heading-m" id="app-session-dialog-title">You are about to be signed out</h2>' +
    '<p class="govuk-body" id="app-session-dialog-text">For your security, you will be signed out in 2 minutes ' +
    'because you have not done anything for a while. Anything you have not saved will be lost.</p>' +
    '<div class="govuk-button-group">' +
    '<button type="button" class="govuk-button" data-session-action="stay">Stay signed in</button>' +
    '<button type="button" class="govuk-button govuk-button--secondary" data-session-action="leave">Sign out now</button>' +
    '</div>'
  return dialog
}

export function initSessionTimeout (body = document.body) {
  const idleSeconds = Number(body.dataset.sessionIdleSeconds)
  if (!Number.isFinite(idleSeconds) || idleSeconds <= 0) return
  if (typeof HTMLDialogElement !== 'function') return // no modal dialog: the server still ends it
  const dialog = dialogElement()
  body.appendChild(dialog)
  let warnTimer
  let expireTimer
  const expire = () => window.location.assign('/sign-in?timed_out=1')
  const schedule = () => {
    clearTimeout(warnTimer)
    clearTimeout(expireTimer)
    warnTimer = setTimeout(() => {
      if (!dialog.open) dialog.showModal()
    }, Math.max(0, idleSeconds - kWarnSeconds) * 1000)
    expireTimer = setTimeout(expire, idleSeconds * 1000)
  }
  dialog.querySelector('[data-session-action="stay"]').addEventListener('click', async () => {
    try {
      const response = await fetch('/api/v1/me', { credentials: 'same-origin', cache: 'no-store' })
      if (!response.ok) return expire()
    } catch {
      return // offline: leave the warning up; the expiry still comes
    }
    dialog.close()
    schedule()
  })
  dialog.querySelector('[data-session-action="leave"]').addEventListener('click', () => {
    const signOut = document.querySelector('form[action="/sign-out"]') // the header's
    if (signOut) signOut.requestSubmit(); else expire()
  })
  schedule()
}
